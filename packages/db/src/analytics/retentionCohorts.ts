import { nextPeriod, periodsSince, periodStart, periodsBetween, type AnalyticsInterval } from '@lifecycle/journey';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';
import { COUNTED_INTERVALS } from './retentionCohortRollup';
import { periodStartSql, type RetentionRange } from './retentionPeriods';

/** How customers are grouped: by the period they were first seen, or the period they first did an event. */
export type CohortBy = { kind: 'first_seen' } | { kind: 'event'; event: string };

export type CohortCell = { offset: number; active: number; rate: number | null };
export type CohortRow = { cohort: string; customers: number; cells: CohortCell[] };
export type CohortMatrix = { interval: AnalyticsInterval; cohorts: CohortRow[]; average: (CohortCell & { customers: number })[] };

/** The customers of each cohort starting in the range: (customer, cohort start) rows, as a subquery. */
function cohortMembers(by: CohortBy, range: RetentionRange): SQL {
  const from = `${periodStart(range.from, range.interval)}T00:00:00.000Z`;
  // Whole cohorts, as the counters hold them: up to the end of the period holding the range's last instant.
  const until = `${nextPeriod(periodStart(new Date(Date.parse(range.to) - 1), range.interval), range.interval)}T00:00:00.000Z`;
  switch (by.kind) {
    case 'first_seen':
      return sql`SELECT cf.customer_id, ${periodStartSql(sql`cf.first_seen_at`, range.interval)} AS cohort FROM customer_facts cf
        WHERE cf.first_seen_at >= ${from} AND cf.first_seen_at < ${until} AND ${customerFilter(sql`cf.customer_id`, range)}`;
    case 'event':
      return sql`SELECT fe.customer_id, ${periodStartSql(sql`fe.first_at`, range.interval)} AS cohort FROM customer_first_events fe
        WHERE fe.event = ${by.event} AND fe.first_at >= ${from} AND fe.first_at < ${until} AND ${customerFilter(sql`fe.customer_id`, range)}`;
    default: {
      const unknown: never = by;
      throw new Error(`unknown cohort ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * The cohort matrix: for each cohort starting in the range, the share of its customers active in each period since
 * (period 0 = the cohort's own), up to the last period starting before the range ends. By week or month, everyone
 * (first-seen or event) and a filter by first-seen read counters; a filter by event, or the day grain, joins the
 * cohort's customers with their active periods. The
 * average is weighted: all active ÷ all customers of the cohorts old enough to have that period.
 */
export async function cohortMatrix(db: Db, by: CohortBy, range: RetentionRange): Promise<CohortMatrix> {
  const everyone = range.segmentId === null && range.channel === null;
  const counted = COUNTED_INTERVALS.includes(range.interval);
  const { sizes, active } = !counted
    ? await joinedCohorts(db, by, range)
    : by.kind === 'first_seen'
      ? everyone ? await countedCohorts(db, range) : await scopedCohorts(db, range)
      : everyone ? await countedEventCohorts(db, by.event, range) : await joinedCohorts(db, by, range);
  const activeOf = new Map(active.map((row) => [`${row.cohort}|${row.period}`, row.active]));
  const cohorts = sizes.map(({ cohort, customers }) => {
    const periods = periodsBetween(cohort, range.to, range.interval);
    const cells = periods.map((period) => {
      const count = activeOf.get(`${cohort}|${period}`) ?? 0;
      return { offset: periodsSince(cohort, period, range.interval), active: count, rate: customers === 0 ? null : count / customers };
    });
    return { cohort, customers, cells };
  });
  return { interval: range.interval, cohorts, average: averageCurve(cohorts) };
}

type Counts = { sizes: { cohort: string; customers: number }[]; active: { cohort: string; period: string; active: number }[] };

/** Every customer by first-seen: the cohort counters kept per event (retentionCohortRollup.ts). */
async function countedCohorts(db: Db, range: RetentionRange): Promise<Counts> {
  const from = periodStart(range.from, range.interval);
  const to = range.to.slice(0, 10);
  return {
    sizes: await db.rows(sql`SELECT cohort, customers FROM cohort_sizes WHERE interval = ${range.interval} AND cohort >= ${from} AND cohort < ${to} AND customers > 0 ORDER BY cohort`),
    active: await db.rows(sql`SELECT cohort, period, customers AS active FROM cohort_activity WHERE interval = ${range.interval} AND cohort >= ${from} AND cohort < ${to} AND period < ${to}`),
  };
}

/** A segment or a channel by first-seen, week or month: the scope's cohort counters (migration 0046, retentionScopeMarks.ts). */
async function scopedCohorts(db: Db, range: RetentionRange): Promise<Counts> {
  const from = periodStart(range.from, range.interval);
  const to = range.to.slice(0, 10);
  const scope = sql`segment_id = ${range.segmentId ?? ''} AND channel = ${range.channel ?? ''} AND interval = ${range.interval}`;
  return {
    sizes: await db.rows(sql`SELECT a AS cohort, customers FROM retention_scope_counts WHERE ${scope} AND figure = 'cohort' AND a >= ${from} AND a < ${to} AND customers > 0 ORDER BY a`),
    active: await db.rows(sql`SELECT a AS cohort, b AS period, customers AS active FROM retention_scope_counts WHERE ${scope} AND figure = 'active' AND a >= ${from} AND a < ${to} AND b < ${to}`),
  };
}

/** Everyone by the first time of an event: the event cohort counters kept per event (retentionEventCohortRollup.ts). */
async function countedEventCohorts(db: Db, event: string, range: RetentionRange): Promise<Counts> {
  const from = periodStart(range.from, range.interval);
  const to = range.to.slice(0, 10);
  return {
    sizes: await db.rows(sql`SELECT cohort, customers FROM event_cohort_sizes WHERE event = ${event} AND interval = ${range.interval} AND cohort >= ${from} AND cohort < ${to} AND customers > 0 ORDER BY cohort`),
    active: await db.rows(sql`SELECT cohort, period, customers AS active FROM event_cohort_activity WHERE event = ${event} AND interval = ${range.interval} AND cohort >= ${from} AND cohort < ${to} AND period < ${to}`),
  };
}

/** A segment, a channel or the day grain: the cohort's customers joined with their active periods. */
async function joinedCohorts(db: Db, by: CohortBy, range: RetentionRange): Promise<Counts> {
  const members = cohortMembers(by, range);
  return {
    sizes: await db.rows(sql`SELECT cohort, count(*) AS customers FROM (${members}) AS m GROUP BY cohort ORDER BY cohort`),
    active: await db.rows(sql`SELECT c.cohort, p.period, count(*) AS active FROM (${members}) c
          JOIN customer_active_periods p ON p.customer_id = c.customer_id AND p.interval = ${range.interval} AND p.period >= c.cohort AND p.period < ${range.to.slice(0, 10)}
          GROUP BY c.cohort, p.period`),
  };
}

function averageCurve(cohorts: CohortRow[]): (CohortCell & { customers: number })[] {
  const longest = Math.max(0, ...cohorts.map((row) => row.cells.length));
  return Array.from({ length: longest }, (_, offset) => {
    const reached = cohorts.filter((row) => row.cells.length > offset);
    const customers = reached.reduce((sum, row) => sum + row.customers, 0);
    const active = reached.reduce((sum, row) => sum + (row.cells[offset]?.active ?? 0), 0);
    return { offset, customers, active, rate: customers === 0 ? null : active / customers };
  });
}

/** Track event names customers did first, most customers first (the "cohort by event" picker): each customer is in one month cohort per event. */
export async function cohortEvents(db: Db, limit = 100): Promise<{ event: string; customers: number }[]> {
  return await db.rows<{ event: string; customers: number }>(sql`SELECT event, sum(customers) AS customers FROM event_cohort_sizes WHERE interval = 'month' GROUP BY event HAVING sum(customers) > 0 ORDER BY customers DESC, event LIMIT ${limit}`);
}
