import type { AnalyticsInterval } from '@lifecycle/journey';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { filterKeyOf, segmentFilterKey } from './journeysFilterKey';

export * from './surveysSchema';
export { MAX_SURVEY_COMMENT, SURVEY_ANSWERED, surveyAnswerOf } from './surveysRollup';

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

function bucketOf(interval: AnalyticsInterval): SQL {
  switch (interval) {
    case 'day':
      return sql`substr(s.answered_at, 1, 10)`;
    case 'week':
      // Monday of the answer's week (strftime %w: Sunday = 0).
      return sql`date(s.answered_at, '-' || ((cast(strftime('%w', s.answered_at) AS integer) + 6) % 7) || ' days')`;
    case 'month':
      return sql`substr(s.answered_at, 1, 7) || '-01'`;
    default: {
      const never: never = interval;
      throw new Error(`unknown interval ${String(never)}`);
    }
  }
}

function tally(kind: SurveyFilter['kind']): SQL {
  return kind === 'nps'
    ? sql`count(*) AS answers, sum(score >= 9) AS positive, sum(score BETWEEN 7 AND 8) AS neutral, sum(score <= 6) AS negative`
    : sql`count(*) AS answers, sum(score >= 4) AS positive, sum(score = 3) AS neutral, sum(score <= 2) AS negative`;
}

// Answers are read from survey_answer_rows (migration 0030): survey_answers once per filter key of the customer,
// so a segment or channel filter reads its own rows (`key` overrides the filter's own, for the breakdown by segment).
function where(filter: SurveyFilter, key: SQL = sql`s.filter_key = ${filterKeyOf(filter)}`): SQL {
  const parts = [key, sql`s.kind = ${filter.kind}`, sql`s.answered_at >= ${filter.from}`, sql`s.answered_at < ${filter.to}`];
  if (filter.survey !== null) parts.push(sql`s.survey = ${filter.survey}`);
  if (filter.journeyId !== null) parts.push(sql`s.journey_id = ${filter.journeyId}`);
  return sql.join(parts, sql` AND `);
}

// Each customer's latest answer within `partition` (a period, or the whole range), so a customer who answered
// two surveys of the kind in one period counts once, with the later answer. Only the columns the figures read, so
// the window's sort stays small.
function latest(filter: SurveyFilter, partition: SQL, key?: SQL): SQL {
  return sql`SELECT s.customer_id, s.score, s.stage, s.journey_id, s.filter_key, ${partition} AS grp, row_number() OVER (PARTITION BY ${partition}, s.customer_id ORDER BY s.answered_at DESC, s.survey) AS rn
             FROM survey_answer_rows s WHERE ${where(filter, key)}`;
}

/** The tally per period start (periods without answers are absent). */
export function surveyTallyByPeriod(db: Db, filter: SurveyFilter, interval: AnalyticsInterval): (SurveyTally & { period: string })[] {
  return db.all(sql`SELECT grp AS period, ${tally(filter.kind)} FROM (${latest(filter, bucketOf(interval))}) WHERE rn = 1 GROUP BY grp ORDER BY grp`);
}

/** The tally over the whole range. */
export function surveyTallyTotal(db: Db, filter: SurveyFilter): SurveyTally {
  const [row] = db.all<SurveyTally>(sql`SELECT ${tally(filter.kind)} FROM (${latest(filter, sql`1`)}) WHERE rn = 1`);
  return { answers: row?.answers ?? 0, positive: row?.positive ?? 0, neutral: row?.neutral ?? 0, negative: row?.negative ?? 0 };
}

/** What a breakdown groups by: the stage when answering, the journey that sent the survey, or a segment (now). */
export type SurveyBreakdown = 'stage' | 'journey' | 'segment';

/** The tally per group over the range; `key` null is "no stage" / "no journey". A customer counts in each of their segments. */
export function surveyTallyBy(db: Db, filter: SurveyFilter, by: SurveyBreakdown): (SurveyTally & { key: string | null; label: string | null })[] {
  switch (by) {
    case 'stage':
      return db.all(sql`SELECT stage AS key, stage AS label, ${tally(filter.kind)} FROM (${latest(filter, sql`1`)}) WHERE rn = 1 GROUP BY stage ORDER BY answers DESC, key`);
    case 'journey':
      return db.all(sql`SELECT a.journey_id AS key, j.name AS label, ${tally(filter.kind)} FROM (${latest(filter, sql`s.journey_id`)}) a
                        LEFT JOIN journeys j ON j.id = a.journey_id WHERE rn = 1 GROUP BY a.journey_id ORDER BY answers DESC, key`);
    case 'segment':
      return surveyTallyBySegment(db, filter);
    default: {
      const never: never = by;
      throw new Error(`unknown breakdown ${String(never)}`);
    }
  }
}

/**
 * Per segment a customer is in now (each segment's own rows, under the channel when one is set); with a segment
 * filter, that segment's customers counted in each of their segments.
 */
function surveyTallyBySegment(db: Db, filter: SurveyFilter): (SurveyTally & { key: string | null; label: string | null })[] {
  if (filter.segmentId !== null) {
    return db.all(sql`SELECT m.segment_id AS key, g.name AS label, ${tally(filter.kind)} FROM (${latest(filter, sql`1`)}) a
                      JOIN segment_memberships m ON m.customer_id = a.customer_id JOIN segments g ON g.id = m.segment_id
                      WHERE rn = 1 GROUP BY m.segment_id ORDER BY answers DESC, key`);
  }
  const segments = db.all<{ id: string; name: string }>(sql`SELECT id, name FROM segments`);
  if (segments.length === 0) return [];
  const keys = new Map(segments.map((segment) => [segmentFilterKey(segment.id, filter.channel), segment]));
  const keyList = sql.join([...keys.keys()].map((key) => sql`${key}`), sql`, `);
  const rows = db.all<SurveyTally & { filterKey: string }>(sql`SELECT filter_key AS filterKey, ${tally(filter.kind)}
    FROM (${latest(filter, sql`s.filter_key`, sql`s.filter_key IN (${keyList})`)}) WHERE rn = 1 GROUP BY filter_key`);
  return rows
    .flatMap(({ filterKey, ...row }) => {
      const segment = keys.get(filterKey);
      return segment ? [{ key: segment.id, label: segment.name, ...row }] : [];
    })
    .sort((a, b) => b.answers - a.answers || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

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
export function recentSurveyAnswers(db: Db, filter: SurveyFilter, options: { limit: number; withComment: boolean }): SurveyAnswerRow[] {
  const comment = options.withComment ? sql`AND s.comment IS NOT NULL` : sql``;
  return db.all(sql`SELECT ${answerColumns} FROM survey_answer_rows s WHERE ${where(filter)} ${comment} ORDER BY s.answered_at DESC, s.customer_id LIMIT ${options.limit}`);
}

/** A customer's answers to every survey, newest first (their profile). */
export function customerSurveyAnswers(db: Db, customerId: string, limit = 100): SurveyAnswerRow[] {
  return db.all(sql`SELECT ${answerColumns} FROM survey_answers s WHERE s.customer_id = ${customerId} ORDER BY s.answered_at DESC LIMIT ${limit}`);
}

/** The surveys answered so far, with their kind and how many customers answered (the survey picker). */
export function surveyNames(db: Db, limit = 200): { survey: string; kind: 'nps' | 'csat'; answers: number; lastAnsweredAt: string }[] {
  return db.all(sql`SELECT survey, kind, count(*) AS answers, max(answered_at) AS lastAnsweredAt FROM survey_answers GROUP BY survey, kind ORDER BY lastAnsweredAt DESC LIMIT ${limit}`);
}

/** Adds a comment to the customer's current answer to `survey`; false when they have not answered it. */
export function recordSurveyComment(db: Db, customerId: string, survey: string, comment: string): boolean {
  return db.$client.prepare('UPDATE survey_answers SET comment = ? WHERE customer_id = ? AND survey = ?').run(comment, customerId, survey).changes > 0;
}

/** The customer's current answer to `survey`, if any. */
export function customerSurveyAnswer(db: Db, customerId: string, survey: string): SurveyAnswerRow | undefined {
  return db.all<SurveyAnswerRow>(sql`SELECT ${answerColumns} FROM survey_answers s WHERE s.customer_id = ${customerId} AND s.survey = ${survey}`)[0];
}
