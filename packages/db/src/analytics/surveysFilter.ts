/** Which answers a survey figure reads: one kind, answered in [from, to), optionally one survey or journey, segment, channel. */
export type SurveyFilter = {
  kind: 'nps' | 'csat';
  from: string;
  to: string;
  survey: string | null;
  journeyId: string | null;
  segmentId: string | null;
  channel: string | null;
};

/** Answers counted by where they fall: NPS promoters 9–10 / passives 7–8 / detractors 0–6; CSAT 4–5 / 3 / 1–2. */
export type SurveyTally = { answers: number; positive: number; neutral: number; negative: number };

/** What a breakdown groups by: the stage when answering, the journey that sent the survey, or a segment (now). */
export type SurveyBreakdown = 'stage' | 'journey' | 'segment';
