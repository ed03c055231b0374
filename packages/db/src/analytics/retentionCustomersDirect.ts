import { nextPeriod, periodStart, periodsBetween, type AnalyticsSettings } from '@lifecycle/journey';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';
import { inactivityChurns } from './retentionInactivity';
import type { CustomerPeriod } from './retentionCustomers';
import type { RetentionRange } from './retentionPeriods';


type Move = { customerId: string; before: string | null; fromStage: string | null; toStage: string; at: string };

const inList = (values: readonly string[]): SQL => (values.length === 0 ? sql`(NULL)` : sql`(${sql.join(values.map((value) => sql`${value}`), sql`, `)})`);

/**
 * The direct computation the flow rollup replaced, kept as the reference the randomized tests compare it with (it
 * reads every stage change of the range, so it is far too slow to serve at scale).
 * Customer retention and churn per period, from stage history (membership of the customer stages at any instant is
 * the stage the customer's latest change before it moved them to). Customers who changed no stage in the range
 * count from one grouped query; only those who moved are walked one by one.
 */
export async function customerPeriodsDirect(db: Db, settings: AnalyticsSettings, range: RetentionRange, now = new Date()): Promise<CustomerPeriod[]> {
  const periods = periodsBetween(range.from, range.to, range.interval);
  if (periods.length === 0) return [];
  const bounds = [...periods, nextPeriod(periods[periods.length - 1] ?? '', range.interval)].map((day) => `${day}T00:00:00.000Z`);
  const first = bounds[0] ?? '';
  const last = bounds[bounds.length - 1] ?? '';
  const customerStages = new Set(settings.customerStages);
  const churnStages = new Set(settings.churnStages);
  const filter = customerFilter(sql`h.customer_id`, range);
  // S at the range's start, over everyone: the stage each customer's last change before it moved them to (the last
  // by time, then id, as `before` below; ranked, not SQLite's bare column beside max(), which Postgres refuses).
  const baseline =
    (
      await db.rows<{ n: number }>(sql`SELECT count(*) AS n FROM (
          SELECT h.to_stage, row_number() OVER (PARTITION BY h.customer_id ORDER BY h.at DESC, h.id DESC) AS latest FROM stage_history h WHERE h.at < ${first} AND ${filter}) s
          WHERE s.latest = 1 AND s.to_stage IN ${inList(settings.customerStages)}`)
    )[0]?.n ?? 0;
  const moves = await db.rows<Move>(sql`SELECT h.customer_id AS customerId, h.from_stage AS fromStage, h.to_stage AS toStage, h.at,
          (SELECT b.to_stage FROM stage_history b WHERE b.customer_id = h.customer_id AND b.at < ${first} ORDER BY b.at DESC, b.id DESC LIMIT 1) AS before
        FROM stage_history h WHERE h.at >= ${first} AND h.at < ${last} AND ${filter} ORDER BY h.at, h.id`);
  const inStage = (stage: string | null) => stage !== null && customerStages.has(stage);
  const members = new Array<number>(bounds.length).fill(baseline);
  const retained = new Array<number>(periods.length).fill(0);
  const churnedToStage = periods.map(() => new Set<string>());
  let staticMembers = baseline;
  for (const [customerId, own] of groupBy(moves)) {
    // The customer's membership at each bound: their stage after the last change before it.
    const stageAt = bounds.map((bound) => own.filter((move) => move.at < bound).at(-1)?.toStage ?? own[0]?.before ?? null);
    const startedIn = inStage(stageAt[0] ?? null);
    if (startedIn) staticMembers -= 1;
    stageAt.forEach((stage, index) => (members[index] = (members[index] ?? 0) + Number(inStage(stage)) - Number(startedIn)));
    periods.forEach((_, index) => (retained[index] = (retained[index] ?? 0) + Number(inStage(stageAt[index] ?? null) && inStage(stageAt[index + 1] ?? null))));
    for (const move of own) {
      if (!churnStages.has(move.toStage) || (move.fromStage !== null && churnStages.has(move.fromStage))) continue;
      const index = periods.indexOf(periodStart(move.at, range.interval));
      if (inStage(stageAt[index] ?? null)) churnedToStage[index]?.add(customerId);
    }
  }
  // Churn counts the customers of S only (so the rate is a share of them): a lead going quiet is no churn.
  const inactive = settings.churnInactivityDays === null ? new Map<string, Set<string>>() : await inactivityChurns(db, inList(settings.customerStages), range, periods, now);
  return periods.map((period, index) => {
    const start = members[index] ?? 0;
    const end = members[index + 1] ?? 0;
    const kept = staticMembers + (retained[index] ?? 0);
    const byStage = churnedToStage[index] ?? new Set<string>();
    const byInactivity = inactive.get(period) ?? new Set<string>();
    const churned = new Set([...byStage, ...byInactivity]).size;
    return {
      period, start, end, new: end - kept, retained: kept, crr: start === 0 ? null : kept / start,
      churnedToStage: byStage.size, churnedInactive: byInactivity.size, churned, churnRate: start === 0 ? null : churned / start,
    };
  });
}

/** Each customer's moves in time order (the query walks the time index, so rows arrive in time order). */
function groupBy(moves: Move[]): Map<string, Move[]> {
  const grouped = new Map<string, Move[]>();
  for (const move of moves) {
    const own = grouped.get(move.customerId);
    if (own) own.push(move);
    else grouped.set(move.customerId, [move]);
  }
  return grouped;
}
