/** The answers of the survey figures (see apps/api/src/analytics/surveysRoutes.ts). */
export type SurveyKind = 'nps' | 'csat';

/** Each customer's latest answer counted: NPS promoters/passives/detractors, CSAT 4–5 / 3 / 1–2; `score` null without answers. */
export type SurveyScore = { answers: number; positive: number; neutral: number; negative: number; score: number | null };

export type SurveyScores = { kind: SurveyKind; interval: string; total: SurveyScore; periods: (SurveyScore & { period: string })[] };

export type SurveyBreakdown = { kind: SurveyKind; by: 'stage' | 'journey' | 'segment'; rows: (SurveyScore & { key: string | null; label: string | null })[] };

export type SurveyAnswer = {
  customerId: string;
  survey: string;
  kind: SurveyKind;
  score: number;
  comment: string | null;
  stage: string | null;
  deliveryId: string | null;
  journeyId: string | null;
  answeredAt: string;
};

export type SurveyNames = { surveys: { survey: string; kind: SurveyKind; answers: number; lastAnsweredAt: string }[] };

/** How each kind names its three groups. */
export const GROUP_NAMES: Record<SurveyKind, { positive: string; neutral: string; negative: string; score: string }> = {
  nps: { positive: 'Promoters (9–10)', neutral: 'Passives (7–8)', negative: 'Detractors (0–6)', score: 'NPS' },
  csat: { positive: 'Satisfied (4–5)', neutral: 'Neutral (3)', negative: 'Unsatisfied (1–2)', score: 'CSAT %' },
};

/** The score as shown: NPS as a signed number, CSAT as a percentage. */
export function formatScore(kind: SurveyKind, score: number | null): string {
  if (score === null) return '—';
  return kind === 'nps' ? `${score > 0 ? '+' : ''}${score}` : `${score}%`;
}
