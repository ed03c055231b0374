import type { AnalyticsInterval } from '@lifecycle/journey';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { filterKeyOf, segmentFilterKey } from './journeysFilterKey';
import { directSurveyTallyBy, directSurveyTallyByPeriod, directSurveyTallyTotal } from './surveysDirect';
import type { SurveyBreakdown, SurveyFilter, SurveyTally } from './surveysFilter';

// NPS and CSAT from the day cells of migration 0037 (survey_score_days). A cell counts answers by the day answered and
// the day of the same customer's next answer in the chain; "each customer's latest answer in [from, to)" is an answer
// on a day in the range whose next answer is not before `to` (or never came). Exact, for ranges on day boundaries —
// which every range of the API is (resolveRange); anything else is windowed directly.

type Grouped = SurveyTally & { key: string | null; label: string | null };

const DAY_START = /^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/;
const onDays = (filter: SurveyFilter) => DAY_START.test(filter.from) && DAY_START.test(filter.to);

const tally = sql`coalesce(sum(d.answers), 0) AS answers, coalesce(sum(CASE WHEN d.class = 'p' THEN d.answers END), 0) AS positive,
  coalesce(sum(CASE WHEN d.class = 'n' THEN d.answers END), 0) AS neutral, coalesce(sum(CASE WHEN d.class = 'd' THEN d.answers END), 0) AS negative`;

// The chain the filter reads: one survey (one answer per customer), one journey's answers, or every answer of the kind.
function scopeOf(filter: SurveyFilter): SQL {
  if (filter.survey !== null) {
    const journey = filter.journeyId === null ? sql`` : sql` AND d.journey_id = ${filter.journeyId}`;
    return sql`d.scope = ${`v:${filter.survey}`}${journey}`;
  }
  if (filter.journeyId !== null) return sql`d.scope = ${`j:${filter.journeyId}`}`;
  return sql`d.scope = '*'`;
}

function cells(filter: SurveyFilter, key: SQL, scope: SQL = scopeOf(filter)): SQL {
  return sql`${key} AND d.kind = ${filter.kind} AND ${scope} AND d.day >= ${filter.from.slice(0, 10)} AND d.day < ${filter.to.slice(0, 10)}`;
}

const ownKey = (filter: SurveyFilter) => sql`d.filter_key = ${filterKeyOf(filter)}`;

// The answer is the latest of its period when the next one came on or after the period's end (or the range's end,
// when the period runs past it: answers after `to` are not read).
function periodBounds(interval: AnalyticsInterval): { start: SQL; end: SQL } {
  switch (interval) {
    case 'day':
      return { start: sql`d.day`, end: sql`date(d.day, '+1 day')` };
    case 'week': {
      // Monday of the day's week (strftime %w: Sunday = 0).
      const monday = sql`date(d.day, '-' || ((cast(strftime('%w', d.day) AS integer) + 6) % 7) || ' days')`;
      return { start: monday, end: sql`date(${monday}, '+7 days')` };
    }
    case 'month':
      return { start: sql`substr(d.day, 1, 7) || '-01'`, end: sql`date(substr(d.day, 1, 7) || '-01', '+1 month')` };
    default: {
      const never: never = interval;
      throw new Error(`unknown interval ${String(never)}`);
    }
  }
}

/** The tally per period start (periods without answers are absent). */
export async function surveyTallyByPeriod(db: Db, filter: SurveyFilter, interval: AnalyticsInterval): Promise<(SurveyTally & { period: string })[]> {
  if (!onDays(filter)) return directSurveyTallyByPeriod(db, filter, interval);
  const { start, end } = periodBounds(interval);
  return await db.rows(sql`SELECT ${start} AS period, ${tally} FROM survey_score_days d
    WHERE ${cells(filter, ownKey(filter))} AND d.next_day >= min(${end}, ${filter.to.slice(0, 10)})
    GROUP BY period HAVING sum(d.answers) > 0 ORDER BY period`);
}

/** The tally over the whole range. */
export async function surveyTallyTotal(db: Db, filter: SurveyFilter): Promise<SurveyTally> {
  if (!onDays(filter)) return directSurveyTallyTotal(db, filter);
  const [row] = await db.rows<SurveyTally>(sql`SELECT ${tally} FROM survey_score_days d WHERE ${cells(filter, ownKey(filter))} AND d.next_day >= ${filter.to.slice(0, 10)}`);
  return { answers: row?.answers ?? 0, positive: row?.positive ?? 0, neutral: row?.neutral ?? 0, negative: row?.negative ?? 0 };
}

const latestIn = (filter: SurveyFilter) => sql`d.next_day >= ${filter.to.slice(0, 10)}`;
// Most answers first; among equals, by key with "no stage" / "no journey" (NULL) first on both backends.
const byAnswers = sql`ORDER BY answers DESC, key NULLS FIRST`;

/** The tally per group over the range; `key` null is "no stage" / "no journey". A customer counts in each of their segments. */
export async function surveyTallyBy(db: Db, filter: SurveyFilter, by: SurveyBreakdown): Promise<Grouped[]> {
  // Within a segment filter, "by segment" crosses two segments, which no filter key holds.
  if (!onDays(filter) || (by === 'segment' && filter.segmentId !== null)) return directSurveyTallyBy(db, filter, by);
  switch (by) {
    case 'stage':
      return await db.rows(sql`SELECT nullif(d.stage, '') AS key, nullif(d.stage, '') AS label, ${tally} FROM survey_score_days d
        WHERE ${cells(filter, ownKey(filter))} AND ${latestIn(filter)} GROUP BY d.stage HAVING sum(d.answers) > 0 ${byAnswers}`);
    case 'journey':
      return tallyByJourney(db, filter);
    case 'segment':
      return tallyBySegment(db, filter);
    default: {
      const never: never = by;
      throw new Error(`unknown breakdown ${String(never)}`);
    }
  }
}

// Each journey's own chain ('j:<journey>'), so a customer who answered two journeys' surveys counts once in each; one
// survey's answers are grouped by the journey that sent each.
async function tallyByJourney(db: Db, filter: SurveyFilter): Promise<Grouped[]> {
  const [scope, journey] =
    filter.survey !== null ? [scopeOf(filter), sql`d.journey_id`]
    : filter.journeyId !== null ? [scopeOf(filter), sql`substr(d.scope, 3)`]
    : [sql`d.scope >= 'j:' AND d.scope < 'j;'`, sql`substr(d.scope, 3)`];
  return await db.rows(sql`SELECT g.key, j.name AS label, g.answers, g.positive, g.neutral, g.negative FROM (
      SELECT nullif(${journey}, '') AS key, ${tally} FROM survey_score_days d WHERE ${cells(filter, ownKey(filter), scope)} AND ${latestIn(filter)}
      GROUP BY key HAVING sum(d.answers) > 0) g
    LEFT JOIN journeys j ON j.id = g.key ${byAnswers}`);
}

// Per segment the customers are in now: each segment's own key (narrowed to the channel when one is set).
async function tallyBySegment(db: Db, filter: SurveyFilter): Promise<Grouped[]> {
  const segments = await db.rows<{ id: string; name: string }>(sql`SELECT id, name FROM segments`);
  if (segments.length === 0) return [];
  const keys = new Map(segments.map((segment) => [segmentFilterKey(segment.id, filter.channel), segment]));
  const keyList = sql.join([...keys.keys()].map((key) => sql`${key}`), sql`, `);
  const rows = await db.rows<SurveyTally & { filterKey: string }>(sql`SELECT d.filter_key AS filterKey, ${tally} FROM survey_score_days d
    WHERE ${cells(filter, sql`d.filter_key IN (${keyList})`)} AND ${latestIn(filter)} GROUP BY d.filter_key HAVING sum(d.answers) > 0`);
  return rows
    .flatMap(({ filterKey, ...row }) => {
      const segment = keys.get(filterKey);
      return segment ? [{ key: segment.id, label: segment.name, ...row }] : [];
    })
    .sort((a, b) => b.answers - a.answers || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
