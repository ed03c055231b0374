import { nextPeriod, periodsBetween, type AnalyticsSettings } from '@lifecycle/journey';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { syncRetentionStageRoles } from './retentionFlows';
import type { RetentionRange } from './retentionPeriods';

/**
 * One period of the customer base: S, E, N and CRR = (E − N) ÷ S; churned (customers of S who moved into a churn stage
 * or whose inactivity reached the limit during it) and churn rate = churned ÷ S.
 */
export type CustomerPeriod = {
  period: string;
  start: number;
  end: number;
  new: number;
  retained: number;
  crr: number | null;
  churnedToStage: number;
  churnedInactive: number;
  churned: number;
  churnRate: number | null;
};

type ScopeRow = { period: string; inactiveDay: string; joined: number; departed: number; stageChurned: number; customers: number };

/**
 * Customer retention and churn per period, summed from the flow rollup of the filter's scope (migration 0039):
 * S = every earlier period's joined − departed, E = S + joined − departed, N = joined (in at the end, out at the
 * start), E − N = S − departed. Inactivity churns count once their day has ended (before `now`), and only when an
 * inactivity limit is set. A few hundred rows per request at any scale.
 */
export async function customerPeriods(db: Db, settings: AnalyticsSettings, range: RetentionRange, now = new Date()): Promise<CustomerPeriod[]> {
  const periods = periodsBetween(range.from, range.to, range.interval);
  const first = periods[0];
  if (first === undefined) return [];
  await syncRetentionStageRoles(db, settings);
  const end = nextPeriod(periods[periods.length - 1] ?? first, range.interval);
  const scope = sql`segment_id = ${range.segmentId ?? ''} AND channel = ${range.channel ?? ''} AND interval = ${range.interval}`;
  let members = (await db.rows<{ n: number }>(sql`SELECT coalesce(sum(joined - departed), 0) AS n FROM retention_scope_periods WHERE ${scope} AND period < ${first}`))[0]?.n ?? 0;
  const rows = await db.rows<ScopeRow>(sql`SELECT period, inactive_day AS inactiveDay, sum(joined) AS joined, sum(departed) AS departed, sum(stage_churned) AS stageChurned, sum(customers) AS customers
        FROM retention_scope_periods WHERE ${scope} AND period >= ${first} AND period < ${end} GROUP BY period, inactive_day`);
  const today = now.toISOString().slice(0, 10);
  const counted = (row: ScopeRow) => settings.churnInactivityDays !== null && row.inactiveDay !== '' && row.inactiveDay < today;
  const byPeriod = new Map<string, ScopeRow[]>();
  for (const row of rows) byPeriod.set(row.period, [...(byPeriod.get(row.period) ?? []), row]);
  return periods.map((period) => {
    const own = byPeriod.get(period) ?? [];
    const sum = (pick: (row: ScopeRow) => number) => own.reduce((total, row) => total + pick(row), 0);
    const start = members;
    const joined = sum((row) => row.joined);
    const departed = sum((row) => row.departed);
    const churnedToStage = sum((row) => row.stageChurned);
    const churnedInactive = sum((row) => (counted(row) ? row.customers : 0));
    // Customers churned both ways count once: the stage churns, plus the inactive ones who did not churn by stage.
    const churned = churnedToStage + sum((row) => (counted(row) ? row.customers - row.stageChurned : 0));
    members = start + joined - departed;
    const retained = start - departed;
    return {
      period, start, end: members, new: joined, retained, crr: start === 0 ? null : retained / start,
      churnedToStage, churnedInactive, churned, churnRate: start === 0 ? null : churned / start,
    };
  });
}
