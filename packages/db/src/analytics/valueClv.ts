import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';
import type { ValueFilter } from './valueQueries';

/** A group's historical CLV: its customers, their revenue to date, and the average (customers without revenue count as 0). */
export type ClvGroup = { group: string; customers: number; revenue: number; averageClv: number };

type GroupRow = { group: string | null; customers: number; revenue: number | null };

const toGroups = (rows: GroupRow[], none: string): ClvGroup[] =>
  rows.map((row) => ({ group: row.group ?? none, customers: row.customers, revenue: row.revenue ?? 0, averageClv: row.customers === 0 ? 0 : (row.revenue ?? 0) / row.customers }));

/** Average revenue to date of the customers first seen in each month of the range (their cohort). */
export function clvByCohort(db: Db, range: ValueFilter & { from: string; to: string }): ClvGroup[] {
  const rows = db.all<GroupRow>(sql`
    SELECT substr(x.first_seen_at, 1, 7) AS "group", count(*) AS customers, sum(v.revenue) AS revenue
    FROM customer_facts x LEFT JOIN customer_value v ON v.customer_id = x.customer_id
    WHERE x.first_seen_at >= ${range.from} AND x.first_seen_at < ${range.to} AND ${customerFilter(sql`x.customer_id`, range)}
    GROUP BY "group" ORDER BY "group"`);
  return toGroups(rows, '—');
}

/** Average revenue to date per acquisition channel (first touch; "(none)" when no event named one). */
export function clvByChannel(db: Db, filter: ValueFilter): ClvGroup[] {
  const rows = db.all<GroupRow>(sql`
    SELECT x.channel AS "group", count(*) AS customers, sum(v.revenue) AS revenue
    FROM customer_facts x LEFT JOIN customer_value v ON v.customer_id = x.customer_id
    WHERE ${customerFilter(sql`x.customer_id`, filter)} GROUP BY x.channel ORDER BY revenue DESC, "group" LIMIT 200`);
  return toGroups(rows, '(none)');
}

/** Average revenue to date per current lifecycle stage ("(none)" for customers without one). */
export function clvByStage(db: Db, filter: ValueFilter): ClvGroup[] {
  const rows = db.all<GroupRow>(sql`
    SELECT c.lifecycle_stage AS "group", count(*) AS customers, sum(v.revenue) AS revenue
    FROM customers c LEFT JOIN customer_value v ON v.customer_id = c.id
    WHERE ${customerFilter(sql`c.id`, filter)} GROUP BY c.lifecycle_stage ORDER BY "group"`);
  return toGroups(rows, '(none)');
}

/** Average revenue to date of each segment's current members (named by the segment's name). */
export function clvBySegment(db: Db, filter: ValueFilter): ClvGroup[] {
  const rows = db.all<GroupRow>(sql`
    SELECT s.name AS "group", count(*) AS customers, sum(v.revenue) AS revenue
    FROM segment_memberships m JOIN segments s ON s.id = m.segment_id LEFT JOIN customer_value v ON v.customer_id = m.customer_id
    WHERE ${customerFilter(sql`m.customer_id`, filter)} GROUP BY m.segment_id ORDER BY s.name LIMIT 200`);
  return toGroups(rows, '—');
}

/** The customers with the most revenue to date (historical CLV per customer), in the filter. */
export function topCustomersByClv(db: Db, filter: ValueFilter, limit: number): { customerId: string; revenue: number; orders: number; lastPurchaseAt: string }[] {
  return db.all(sql`
    SELECT v.customer_id AS customerId, v.revenue AS revenue, v.orders AS orders, v.last_purchase_at AS lastPurchaseAt
    FROM customer_value v WHERE ${customerFilter(sql`v.customer_id`, filter)} ORDER BY v.revenue DESC, v.customer_id LIMIT ${limit}`);
}
