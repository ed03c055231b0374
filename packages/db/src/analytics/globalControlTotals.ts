import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';
import { filterKeyOf } from './journeysFilterKey';

export * from './globalControlRollupSchema';

/** The range and segment/channel filter of the comparison (`to` exclusive). */
type Filter = { from: string; to: string; segmentId: string | null; channel: string | null };

/** One group's totals as SQLite returns them (`inControl` 1 or 0). */
export type GlobalControlTotalsRow = { inControl: number; customers: number; converted: number; revenue: number; revenueSquares: number };

/** Whether the range ends at midnight UTC, so "first seen before the end" is "first-seen day before the end's day". */
export function endsOnWholeDay(filter: Filter): boolean {
  return filter.to.slice(10) === 'T00:00:00.000Z' || filter.to.length === 10;
}

/**
 * Control and treatment from the rollup of migration 0043, under the filter's key: customers first seen before the
 * range's end day, the revenue cells of the range (converted = cells whose previous revenue day is before the range)
 * and the revenue products of its day pairs (Σ R² = the diagonal once plus the pairs above it twice). Reads at most
 * days × days ÷ 2 product cells per group, whatever the number of customers. The range must end on a whole day.
 */
export async function globalControlRollupTotals(db: Db, filter: Filter): Promise<GlobalControlTotalsRow[]> {
  const key = filterKeyOf(filter);
  const fromDay = filter.from.slice(0, 10);
  const toDay = filter.to.slice(0, 10);
  return await db.rows<GlobalControlTotalsRow>(sql`
    SELECT * FROM (SELECT g.in_control AS inControl,
      coalesce((SELECT sum(customers) FROM global_control_first_seen WHERE filter_key = ${key} AND in_control = g.in_control AND day < ${toDay}), 0) AS customers,
      coalesce((SELECT sum(CASE WHEN prev_day < ${fromDay} THEN customers ELSE 0 END) FROM global_control_revenue_cells
        WHERE filter_key = ${key} AND in_control = g.in_control AND day >= ${fromDay} AND day < ${toDay}), 0) AS converted,
      coalesce((SELECT sum(revenue) FROM global_control_revenue_cells WHERE filter_key = ${key} AND in_control = g.in_control AND day >= ${fromDay} AND day < ${toDay}), 0) AS revenue,
      coalesce((SELECT sum(CASE WHEN later_day = day THEN product ELSE 2 * product END) FROM global_control_revenue_products
        WHERE filter_key = ${key} AND in_control = g.in_control AND day >= ${fromDay} AND day < ${toDay} AND later_day < ${toDay}), 0) AS revenueSquares
    FROM (SELECT 1 AS in_control UNION ALL SELECT 0) g) AS sub1 WHERE customers > 0`);
}

/**
 * The same totals straight from the assigned customers, per customer summed over the range (a pass over every
 * assigned customer: seconds at a million). Kept for a range that does not end on a whole day, and as the reference
 * the rollup is tested against.
 */
export async function globalControlDirectTotals(db: Db, filter: Filter): Promise<GlobalControlTotalsRow[]> {
  const fromDay = filter.from.slice(0, 10);
  const toDay = filter.to.slice(0, 10);
  return await db.rows<GlobalControlTotalsRow>(sql`
    SELECT g.in_control AS inControl, count(*) AS customers, count(rv.customer_id) AS converted,
      coalesce(sum(rv.revenue), 0) AS revenue, coalesce(sum(rv.revenue * rv.revenue), 0) AS revenueSquares
    FROM global_control g
    JOIN customer_facts f ON f.customer_id = g.customer_id AND f.first_seen_at < ${filter.to}
    LEFT JOIN (
      SELECT customer_id, sum(revenue) AS revenue FROM customer_revenue_days WHERE day >= ${fromDay} AND day < ${toDay} GROUP BY customer_id
    ) rv ON rv.customer_id = g.customer_id
    WHERE ${customerFilter(sql`g.customer_id`, filter)}
    GROUP BY g.in_control`);
}

/** How many customers are assigned, and how many of them are in the control group, from the per-group counters (migration 0043). */
export async function globalControlAssignedCounts(db: Db): Promise<{ assigned: number; inControl: number }> {
  const [row] = await db.rows<{ assigned: number | null; inControl: number | null }>(sql`
    SELECT sum(customers) AS assigned, sum(CASE WHEN in_control = 1 THEN customers ELSE 0 END) AS inControl FROM global_control_groups`);
  return { assigned: row?.assigned ?? 0, inControl: row?.inControl ?? 0 };
}
