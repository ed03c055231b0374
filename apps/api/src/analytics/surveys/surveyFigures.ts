import { periodsBetween } from '@lifecycle/journey';
import { customerSurveyAnswers, recentSurveyAnswers, surveyTallyBy, surveyTallyByPeriod, surveyTallyTotal, type Db, type SurveyBreakdown, type SurveyFilter, type SurveyTally } from '@lifecycle/db';
import { z } from 'zod';
import { AnalyticsQuery, resolveRange } from '../analyticsQuery';

/** The filters of every survey figure: the range, segment and channel, plus which kind, survey and journey. */
export const SurveysQuery = AnalyticsQuery.extend({
  kind: z.enum(['nps', 'csat']).default('nps').describe('nps (scores 0–10) or csat (scores 1–5)'),
  survey: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a survey name as the template gives it').optional().describe('only answers to this survey'),
  journey: z.string().min(1).max(200).optional().describe('only answers to surveys this journey sent'),
});
export type SurveysQuery = z.infer<typeof SurveysQuery>;

/** A tally with its score: NPS = % promoters − % detractors; CSAT = % satisfied (4–5). Null without answers. */
export const SurveyScore = z.object({
  answers: z.number().int().describe('customers counted (each one’s latest answer)'),
  positive: z.number().int().describe('NPS promoters (9–10) / CSAT satisfied (4–5)'),
  neutral: z.number().int().describe('NPS passives (7–8) / CSAT neutral (3)'),
  negative: z.number().int().describe('NPS detractors (0–6) / CSAT unsatisfied (1–2)'),
  score: z.number().nullable().describe('NPS −100…100 or CSAT 0…100, one decimal; null without answers'),
});
export type SurveyScore = z.infer<typeof SurveyScore>;

export function filterOf(query: SurveysQuery): { filter: SurveyFilter; interval: SurveysQuery['interval']; from: string; to: string } {
  const range = resolveRange(query);
  return {
    filter: { kind: query.kind, from: range.from, to: range.to, survey: query.survey ?? null, journeyId: query.journey ?? null, segmentId: range.segmentId, channel: range.channel },
    interval: range.interval,
    from: range.from,
    to: range.to,
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** The score of a tally, by the kind's formula. */
export function scoreOf(kind: SurveyFilter['kind'], tally: SurveyTally): SurveyScore {
  const { answers, positive, neutral, negative } = tally;
  if (answers === 0) return { answers, positive, neutral, negative, score: null };
  const score = kind === 'nps' ? ((positive - negative) / answers) * 100 : (positive / answers) * 100;
  return { answers, positive, neutral, negative, score: round1(score) };
}

/** The score per period (every period of the range, empty ones with null) and over the whole range. */
export async function surveyScores(db: Db, query: SurveysQuery) {
  const { filter, interval, from, to } = filterOf(query);
  const byPeriod = new Map((await surveyTallyByPeriod(db, filter, interval)).map((row) => [row.period, row]));
  const empty = { answers: 0, positive: 0, neutral: 0, negative: 0 };
  return {
    kind: query.kind,
    interval,
    total: scoreOf(query.kind, await surveyTallyTotal(db, filter)),
    periods: periodsBetween(from, to, interval).map((period) => ({ period, ...scoreOf(query.kind, byPeriod.get(period) ?? empty) })),
  };
}

/** The score per stage (when answering), journey or segment over the range. */
export async function surveyBreakdown(db: Db, query: SurveysQuery & { by: SurveyBreakdown }) {
  const { filter } = filterOf(query);
  return { kind: query.kind, by: query.by, rows: (await surveyTallyBy(db, filter, query.by)).map((row) => ({ key: row.key, label: row.label, ...scoreOf(query.kind, row) })) };
}

/** The latest answers in the range, newest first. */
export async function surveyAnswerList(db: Db, query: SurveysQuery & { limit: number; comments: boolean }) {
  const { filter } = filterOf(query);
  return { answers: await recentSurveyAnswers(db, filter, { limit: query.limit, withComment: query.comments }) };
}

export { customerSurveyAnswers };
