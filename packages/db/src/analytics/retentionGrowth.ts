import { nextPeriod, periodsBetween } from '@lifecycle/journey';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';
import { COUNTED_INTERVALS } from './retentionCohortRollup';
import { nextPeriodSql, previousPeriodSql, type RetentionRange } from './retentionPeriods';

/**
 * The growth lens of one period: who is active and why. new = first active period ever; returning = active in this
 * and the previous period; resurrecting = active now, not in the previous period but before; dormant = active in
 * the previous period, not in this one (a positive count; charts draw it below zero).
 */
export type GrowthPeriod = { period: string; active: number; new: number; returning: number; resurrecting: number; dormant: number };

/**
 * The growth lens per period of the range: by week or month from the growth counters kept per event (everyone) or
 * per filter scope (a segment, a channel, both: retentionScopeMarks.ts); the day grain from the active-period rollup
 * (primary-key probes per active customer).
 */
export async function growthLens(db: Db, range: RetentionRange): Promise<GrowthPeriod[]> {
  const periods = periodsBetween(range.from, range.to, range.interval);
  const first = periods[0];
  if (first === undefined) return [];
  const end = nextPeriod(periods[periods.length - 1] ?? first, range.interval);
  if (COUNTED_INTERVALS.includes(range.interval)) return countedGrowth(db, range, periods, end);
  const filter = customerFilter(sql`p.customer_id`, range);
  const probe = (when: ReturnType<typeof sql>) =>
    sql`EXISTS (SELECT 1 FROM customer_active_periods q WHERE q.customer_id = p.customer_id AND q.interval = ${range.interval} AND ${when})`;
  const active = await db.rows<{ period: string; isNew: number; isReturning: number; resurrecting: number; active: number }>(sql`SELECT period, sum(NOT earlier) AS isNew, sum(previous) AS isReturning, sum(earlier AND NOT previous) AS resurrecting, count(*) AS active FROM (
          SELECT p.period, ${probe(sql`q.period = ${previousPeriodSql(sql`p.period`, range.interval)}`)} AS previous, ${probe(sql`q.period < p.period`)} AS earlier
          FROM customer_active_periods p WHERE p.interval = ${range.interval} AND p.period >= ${first} AND p.period < ${end} AND ${filter}) AS sub1
        GROUP BY period`);
  const dormant = await db.rows<{ period: string; dormant: number }>(sql`SELECT ${nextPeriodSql(sql`p.period`, range.interval)} AS period, count(*) AS dormant FROM customer_active_periods p
        WHERE p.interval = ${range.interval} AND ${nextPeriodSql(sql`p.period`, range.interval)} >= ${first} AND ${nextPeriodSql(sql`p.period`, range.interval)} < ${end} AND ${filter}
          AND NOT ${probe(sql`q.period = ${nextPeriodSql(sql`p.period`, range.interval)}`)}
        GROUP BY 1`);
  const activeOf = new Map(active.map((row) => [row.period, row]));
  const dormantOf = new Map(dormant.map((row) => [row.period, row.dormant]));
  return periods.map((period) => {
    const row = activeOf.get(period);
    return { period, active: row?.active ?? 0, new: row?.isNew ?? 0, returning: row?.isReturning ?? 0, resurrecting: row?.resurrecting ?? 0, dormant: dormantOf.get(period) ?? 0 };
  });
}

/** Week and month: everyone from growth_counts, a segment or channel from its scope's counters (migration 0046). */
async function countedGrowth(db: Db, range: RetentionRange, periods: string[], end: string): Promise<GrowthPeriod[]> {
  type Count = { period: string; kind: 'new' | 'returning' | 'resurrecting' | 'dormant'; customers: number };
  const rows =
    range.segmentId === null && range.channel === null
      ? await db.rows<Count>(sql`SELECT period, kind, customers FROM growth_counts WHERE interval = ${range.interval} AND period >= ${periods[0]} AND period < ${end}`)
      : await db.rows<Count>(sql`SELECT a AS period, b AS kind, customers FROM retention_scope_counts WHERE segment_id = ${range.segmentId ?? ''} AND channel = ${range.channel ?? ''}
              AND figure = 'growth' AND interval = ${range.interval} AND a >= ${periods[0]} AND a < ${end}`);
  const counts = new Map(rows.map((row) => [`${row.period}|${row.kind}`, row.customers]));
  return periods.map((period) => {
    const count = (kind: string) => counts.get(`${period}|${kind}`) ?? 0;
    return { period, active: count('new') + count('returning') + count('resurrecting'), new: count('new'), returning: count('returning'), resurrecting: count('resurrecting'), dormant: count('dormant') };
  });
}
