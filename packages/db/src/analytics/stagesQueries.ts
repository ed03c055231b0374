import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';

export * from './stagesSchema';
export * from './stagesKeyedSchema';
export * from './stageStays';
export * from './stageFunnelSchema';
export * from './stageFunnelRollup';

/**
 * The stages figures' reads: rollups keyed by (segment, channel) (stagesKeyedSchema.ts; ('', '') is everyone), and the
 * unfiltered daily moves (`stage_flow_daily`) — a few hundred rows whatever the number of customers. The funnel reads
 * its walks rollup (stageFunnelRollup.ts); `stageFunnelPaths` follows paths directly (small installs, and the check).
 */
export type StageFilter = { segmentId: string | null; channel: string | null };

/** A day's moves from one stage to another ('' = no stage before). */
export type StageMoves = { day: string; fromStage: string; toStage: string; moves: number };

const isFiltered = (filter: StageFilter) => filter.segmentId !== null || filter.channel !== null;
/** The rollup key of a view: '' stands for "any" on either side. */
const keyOf = (filter: StageFilter): SQL => sql`segment_id = ${filter.segmentId ?? ''} AND channel = ${filter.channel ?? ''}`;

/** Customers per stage now; customers with no stage yet count in `firstStage` (as the stage rules treat them). */
export async function stageCountsNow(db: Db, filter: StageFilter, firstStage: string): Promise<{ stage: string; customers: number }[]> {
  const rows = await db.rows<{ stage: string | null; customers: number }>(sql`SELECT nullif(stage, '') AS stage, customers FROM stage_now_keyed WHERE ${keyOf(filter)} AND customers > 0`);
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.stage ?? firstStage, (counts.get(row.stage ?? firstStage) ?? 0) + row.customers);
  return [...counts].map(([stage, customers]) => ({ stage, customers }));
}

/** Stage moves per day and (from, to) with `from <= day < to` (`from` absent: since the beginning). */
export async function stageMovesByDay(db: Db, filter: StageFilter, range: { from: string | null; to: string }): Promise<StageMoves[]> {
  const fromDay = range.from?.slice(0, 10) ?? '';
  const toDay = range.to.slice(0, 10);
  if (!isFiltered(filter)) {
    return await db.rows(sql`SELECT day, from_stage AS fromStage, to_stage AS toStage, moves FROM stage_flow_daily
          WHERE day >= ${fromDay} AND day < ${toDay} AND moves > 0 ORDER BY day`);
  }
  return await db.rows(sql`SELECT day, from_stage AS fromStage, to_stage AS toStage, moves FROM stage_moves_keyed
        WHERE ${keyOf(filter)} AND day >= ${fromDay} AND day < ${toDay} AND moves > 0 ORDER BY day`);
}

/**
 * Customers first seen before `boundaries[0]`, then between each boundary and the next (ISO days, ascending): the
 * customers who start in the first stage until their first recorded change. Summed from the per-day rollup.
 */
export async function firstSeenBetween(db: Db, filter: StageFilter, boundaries: string[]): Promise<number[]> {
  const counts: number[] = [];
  for (const [i, end] of boundaries.entries()) {
    const start = i === 0 ? '' : boundaries[i - 1]!;
    const row = (await db.rows<{ customers: number | null }>(sql`SELECT sum(customers) AS customers FROM stage_seen_keyed WHERE ${keyOf(filter)} AND day >= ${start.slice(0, 10)} AND day < ${end.slice(0, 10)}`))[0];
    counts.push(row?.customers ?? 0);
  }
  return counts;
}

/** One customer's stage change on their path after entering the funnel (`stage` null: no change after it). */
export type FunnelPathRow = { customerId: string; enteredAt: string; stage: string | null; at: string | null };

/**
 * The customers who entered `start` in [from, to) (their first entry in the range; when `start` is the first stage,
 * being first seen counts as entering it) with every stage change they made from then on, in order.
 */
export async function stageFunnelPaths(
  db: Db,
  query: { start: string; startIsFirstStage: boolean; from: string; to: string; filter: StageFilter },
): Promise<FunnelPathRow[]> {
  const firstSeen: SQL = query.startIsFirstStage
    ? sql`UNION ALL SELECT customer_id, first_seen_at FROM customer_facts WHERE first_seen_at >= ${query.from} AND first_seen_at < ${query.to}`
    : sql``;
  return await db.rows(sql`WITH entries AS (
          SELECT e.customer_id, min(e.at) AS entered_at FROM (
            SELECT customer_id, at FROM stage_history WHERE to_stage = ${query.start} AND at >= ${query.from} AND at < ${query.to}
            ${firstSeen}
          ) e WHERE ${customerFilter(sql`e.customer_id`, query.filter)} GROUP BY e.customer_id)
        SELECT e.customer_id AS customerId, e.entered_at AS enteredAt, h.to_stage AS stage, h.at AS at
        FROM entries e LEFT JOIN stage_history h ON h.customer_id = e.customer_id AND h.at >= e.entered_at
        ORDER BY e.customer_id, h.at, h.id`);
}

/** Stays that ended in [from, to): the stage, when it began and when it ended. */
export async function finishedStays(
  db: Db,
  filter: StageFilter,
  range: { from: string; to: string },
): Promise<{ stage: string; at: string; leftAt: string }[]> {
  return await db.rows(sql`SELECT h.to_stage AS stage, h.at AS at, h.left_at AS leftAt FROM stage_history h
        WHERE h.left_at >= ${range.from} AND h.left_at < ${range.to} AND ${customerFilter(sql`h.customer_id`, filter)}`);
}

/** Stays going on at `asOf` (begun before it, not ended by it): the stage and when it began. */
export async function currentStays(db: Db, filter: StageFilter, asOf: string): Promise<{ stage: string; at: string }[]> {
  const condition = customerFilter(sql`h.customer_id`, filter);
  return await db.rows(sql`SELECT h.to_stage AS stage, h.at AS at FROM stage_history h WHERE h.left_at IS NULL AND h.at <= ${asOf} AND ${condition}
        UNION ALL
        SELECT h.to_stage AS stage, h.at AS at FROM stage_history h WHERE h.left_at > ${asOf} AND h.at <= ${asOf} AND ${condition}`);
}

/** Every stage change recorded (the daily rollup's total): small enough, time in stage is worked out exactly. */
export async function stageChangesRecorded(db: Db): Promise<number> {
  return (await db.rows<{ moves: number | null }>(sql`SELECT sum(moves) AS moves FROM stage_flow_daily`))[0]?.moves ?? 0;
}
