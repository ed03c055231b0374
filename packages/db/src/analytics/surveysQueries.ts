import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { surveyRowsWhere } from './surveysDirect';
import type { SurveyFilter } from './surveysFilter';

export * from './surveysSchema';
export * from './surveysLatestSchema';
export * from './surveysFilter';
export { MAX_SURVEY_COMMENT, SURVEY_ANSWERED, surveyAnswerOf } from './surveysRollup';
export { surveyTallyBy, surveyTallyByPeriod, surveyTallyTotal } from './surveysScoreDays';

/** One customer's answer to one survey, as lists show it. */
export type SurveyAnswerRow = {
  customerId: string;
  survey: string;
  kind: 'nps' | 'csat';
  score: number;
  comment: string | null;
  stage: string | null;
  deliveryId: string | null;
  journeyId: string | null;
  answeredAt: string;
};

const answerColumns = sql`s.customer_id AS customerId, s.survey, s.kind, s.score, s.comment, s.stage, s.delivery_id AS deliveryId, s.journey_id AS journeyId, s.answered_at AS answeredAt`;

/** The latest answers in the range, newest first (optionally only those with a comment). */
export async function recentSurveyAnswers(db: Db, filter: SurveyFilter, options: { limit: number; withComment: boolean }): Promise<SurveyAnswerRow[]> {
  const comment = options.withComment ? sql`AND s.comment IS NOT NULL` : sql``;
  return await db.rows(sql`SELECT ${answerColumns} FROM survey_answer_rows s WHERE ${surveyRowsWhere(filter)} ${comment} ORDER BY s.answered_at DESC, s.customer_id LIMIT ${options.limit}`);
}

/** A customer's answers to every survey, newest first (their profile). */
export async function customerSurveyAnswers(db: Db, customerId: string, limit = 100): Promise<SurveyAnswerRow[]> {
  return await db.rows(sql`SELECT ${answerColumns} FROM survey_answers s WHERE s.customer_id = ${customerId} ORDER BY s.answered_at DESC LIMIT ${limit}`);
}

/** The surveys answered so far, with their kind and how many customers answered (the survey picker; migration 0037's counts). */
export async function surveyNames(db: Db, limit = 200): Promise<{ survey: string; kind: 'nps' | 'csat'; answers: number; lastAnsweredAt: string }[]> {
  return await db.rows(sql`SELECT survey, kind, answers, last_answered_at AS lastAnsweredAt FROM survey_name_counts ORDER BY lastAnsweredAt DESC, survey, kind LIMIT ${limit}`);
}

/** Adds a comment to the customer's current answer to `survey`; false when they have not answered it. */
export async function recordSurveyComment(db: Db, customerId: string, survey: string, comment: string): Promise<boolean> {
  return (await db.prepare('UPDATE survey_answers SET comment = ? WHERE customer_id = ? AND survey = ?').run(comment, customerId, survey)).changes > 0;
}

/** The customer's current answer to `survey`, if any. */
export async function customerSurveyAnswer(db: Db, customerId: string, survey: string): Promise<SurveyAnswerRow | undefined> {
  return (await db.rows<SurveyAnswerRow>(sql`SELECT ${answerColumns} FROM survey_answers s WHERE s.customer_id = ${customerId} AND s.survey = ${survey}`))[0];
}
