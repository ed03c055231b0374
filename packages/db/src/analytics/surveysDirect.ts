import type { AnalyticsInterval } from '@lifecycle/journey';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { filterKeyOf, segmentFilterKey } from './journeysFilterKey';
import type { SurveyBreakdown, SurveyFilter, SurveyTally } from './surveysFilter';

// The figures straight from survey_answer_rows (each customer's latest answer by a window over every answer in the
// range): the reference the day cells of migration 0037 are tested against, and the way for what the cells cannot
// answer (a range not on day boundaries; the breakdown by segment within a segment filter).

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
export function surveyRowsWhere(filter: SurveyFilter, key: SQL = sql`s.filter_key = ${filterKeyOf(filter)}`): SQL {
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
             FROM survey_answer_rows s WHERE ${surveyRowsWhere(filter, key)}`;
}

// Most answers first; among equals, by key with "no stage" / "no journey" (NULL) first on both backends.
const byAnswers = sql`ORDER BY answers DESC, key NULLS FIRST`;

/** The tally per period start (periods without answers are absent), windowing every answer in the range. */
export async function directSurveyTallyByPeriod(db: Db, filter: SurveyFilter, interval: AnalyticsInterval): Promise<(SurveyTally & { period: string })[]> {
  return await db.rows(sql`SELECT grp AS period, ${tally(filter.kind)} FROM (${latest(filter, bucketOf(interval))}) AS a WHERE rn = 1 GROUP BY grp ORDER BY grp`);
}

/** The tally over the whole range, windowing every answer in the range. */
export async function directSurveyTallyTotal(db: Db, filter: SurveyFilter): Promise<SurveyTally> {
  const [row] = await db.rows<SurveyTally>(sql`SELECT ${tally(filter.kind)} FROM (${latest(filter, sql`1`)}) AS a WHERE rn = 1`);
  return { answers: row?.answers ?? 0, positive: row?.positive ?? 0, neutral: row?.neutral ?? 0, negative: row?.negative ?? 0 };
}

/** The tally per group over the range; `key` null is "no stage" / "no journey". A customer counts in each of their segments. */
export async function directSurveyTallyBy(db: Db, filter: SurveyFilter, by: SurveyBreakdown): Promise<(SurveyTally & { key: string | null; label: string | null })[]> {
  switch (by) {
    case 'stage':
      return await db.rows(sql`SELECT stage AS key, stage AS label, ${tally(filter.kind)} FROM (${latest(filter, sql`1`)}) AS a WHERE rn = 1 GROUP BY stage ${byAnswers}`);
    case 'journey':
      return await db.rows(sql`SELECT a.journey_id AS key, j.name AS label, ${tally(filter.kind)} FROM (${latest(filter, sql`s.journey_id`)}) a
                        LEFT JOIN journeys j ON j.id = a.journey_id WHERE rn = 1 GROUP BY a.journey_id, j.name ${byAnswers}`);
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
async function surveyTallyBySegment(db: Db, filter: SurveyFilter): Promise<(SurveyTally & { key: string | null; label: string | null })[]> {
  if (filter.segmentId !== null) {
    return await db.rows(sql`SELECT m.segment_id AS key, g.name AS label, ${tally(filter.kind)} FROM (${latest(filter, sql`1`)}) a
                      JOIN segment_memberships m ON m.customer_id = a.customer_id JOIN segments g ON g.id = m.segment_id
                      WHERE rn = 1 GROUP BY m.segment_id, g.name ${byAnswers}`);
  }
  const segments = await db.rows<{ id: string; name: string }>(sql`SELECT id, name FROM segments`);
  if (segments.length === 0) return [];
  const keys = new Map(segments.map((segment) => [segmentFilterKey(segment.id, filter.channel), segment]));
  const keyList = sql.join([...keys.keys()].map((key) => sql`${key}`), sql`, `);
  const rows = await db.rows<SurveyTally & { filterKey: string }>(sql`SELECT filter_key AS filterKey, ${tally(filter.kind)}
    FROM (${latest(filter, sql`s.filter_key`, sql`s.filter_key IN (${keyList})`)}) AS a WHERE rn = 1 GROUP BY filter_key`);
  return rows
    .flatMap(({ filterKey, ...row }) => {
      const segment = keys.get(filterKey);
      return segment ? [{ key: segment.id, label: segment.name, ...row }] : [];
    })
    .sort((a, b) => b.answers - a.answers || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

