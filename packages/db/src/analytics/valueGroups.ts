import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';
import { toGroups, type ClvGroup, type GroupRow } from './valueClv';
import type { ValueFilter } from './valueQueries';
import { scopeOf } from './valueScopes';

// Historical CLV per cohort, stage and segment, read from `value_group_revenue` (migration 0045): one row per group in
// the filter's scope holding its customers and their revenue to date, so a figure reads a few hundred rows at any
// scale. The revenue is a sum kept by adding differences: a group whose customers have no revenue left may hold a
// rounding residue, shown as 0.

const cleaned = (rows: GroupRow[]): GroupRow[] => rows.map((row) => ({ ...row, revenue: row.revenue !== null && Math.abs(row.revenue) < 1e-6 ? 0 : row.revenue }));
const MIDNIGHT = 'T00:00:00.000Z';

/**
 * Average revenue to date of the customers first seen in each month of the range (their cohort). The rollup is by
 * first-seen day, so a range of whole days (every analytics range) reads it; any other instant falls back to the
 * customers' rows.
 */
export async function clvByCohort(db: Db, range: ValueFilter & { from: string; to: string }): Promise<ClvGroup[]> {
  if (!range.from.endsWith(MIDNIGHT) || !range.to.endsWith(MIDNIGHT)) return toGroups(await clvByCohortFromCustomers(db, range), '—');
  const rows = await db.rows<GroupRow>(sql`
    SELECT substr(group_value, 1, 7) AS "group", sum(customers) AS customers, sum(revenue) AS revenue FROM value_group_revenue
    WHERE ${scopeOf(range)} AND kind = 'cohort' AND group_value >= ${range.from.slice(0, 10)} AND group_value < ${range.to.slice(0, 10)}
    GROUP BY "group" HAVING sum(customers) > 0 ORDER BY "group"`);
  return toGroups(cleaned(rows), '—');
}

async function clvByCohortFromCustomers(db: Db, range: ValueFilter & { from: string; to: string }): Promise<GroupRow[]> {
  return await db.rows<GroupRow>(sql`
    SELECT substr(x.first_seen_at, 1, 7) AS "group", count(*) AS customers, sum(v.revenue) AS revenue
    FROM customer_facts x LEFT JOIN customer_value v ON v.customer_id = x.customer_id
    WHERE x.first_seen_at >= ${range.from} AND x.first_seen_at < ${range.to} AND ${customerFilter(sql`x.customer_id`, range)}
    GROUP BY "group" ORDER BY "group"`);
}

/** Average revenue to date per current lifecycle stage ("(none)" for customers without one). */
export async function clvByStage(db: Db, filter: ValueFilter): Promise<ClvGroup[]> {
  const rows = await db.rows<GroupRow>(sql`
    SELECT nullif(group_value, '') AS "group", customers, revenue FROM value_group_revenue
    WHERE ${scopeOf(filter)} AND kind = 'stage' AND customers > 0 ORDER BY group_value`);
  return toGroups(cleaned(rows), '(none)');
}

/** Average revenue to date of each segment's current members (named by the segment's name). */
export async function clvBySegment(db: Db, filter: ValueFilter): Promise<ClvGroup[]> {
  const rows = await db.rows<GroupRow>(sql`
    SELECT s.name AS "group", r.customers AS customers, r.revenue AS revenue
    FROM value_group_revenue r JOIN segments s ON s.id = r.group_value
    WHERE r.segment_id = ${filter.segmentId ?? ''} AND r.channel = ${filter.channel ?? ''} AND r.kind = 'segment' AND r.customers > 0
    ORDER BY s.name LIMIT 200`);
  return toGroups(cleaned(rows), '—');
}
