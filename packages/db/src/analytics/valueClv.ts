import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import type { ValueFilter } from './valueQueries';

/** A group's historical CLV: its customers, their revenue to date, and the average (customers without revenue count as 0). */
export type ClvGroup = { group: string; customers: number; revenue: number; averageClv: number };

export type GroupRow = { group: string | null; customers: number; revenue: number | null };

export const toGroups = (rows: GroupRow[], none: string): ClvGroup[] =>
  rows.map((row) => ({ group: row.group ?? none, customers: row.customers, revenue: row.revenue ?? 0, averageClv: row.customers === 0 ? 0 : (row.revenue ?? 0) / row.customers }));

/**
 * Average revenue to date per acquisition channel (first touch; "(none)" when no event named one), from the scope
 * rollups of migration 0029: a channel's customers and base-currency revenue are its scope's sums, "(none)" is the
 * filter's whole scope minus its channels. Revenue to date is the sum of every base-currency day, so it equals the
 * customers' `customer_value.revenue` (both are added per revenue event).
 */
export async function clvByChannel(db: Db, filter: ValueFilter): Promise<ClvGroup[]> {
  const segment = filter.segmentId ?? '';
  const channels = filter.channel === null ? sql`channel <> ''` : sql`channel = ${filter.channel}`;
  const seen = await db.rows<{ channel: string; customers: number }>(sql`
    SELECT channel, sum(customers) AS customers FROM customer_scope_first_seen WHERE segment_id = ${segment} AND ${channels} GROUP BY channel`);
  const paid = await db.rows<{ channel: string; revenue: number }>(sql`
    SELECT channel, sum(amount) AS revenue FROM revenue_scope_days WHERE segment_id = ${segment} AND ${channels} AND currency = '' GROUP BY channel`);
  const revenueOf = new Map(paid.map((row) => [row.channel, row.revenue]));
  const rows: GroupRow[] = seen.filter((row) => row.customers > 0).map((row) => ({ group: row.channel, customers: row.customers, revenue: revenueOf.get(row.channel) ?? 0 }));
  if (filter.channel === null) {
    const all = (await db.rows<{ customers: number | null }>(sql`SELECT sum(customers) AS customers FROM customer_scope_first_seen WHERE segment_id = ${segment} AND channel = ''`))[0];
    const allRevenue = (await db.rows<{ revenue: number | null }>(sql`SELECT sum(amount) AS revenue FROM revenue_scope_days WHERE segment_id = ${segment} AND channel = '' AND currency = ''`))[0];
    const customers = (all?.customers ?? 0) - rows.reduce((sum, row) => sum + row.customers, 0);
    const revenue = (allRevenue?.revenue ?? 0) - rows.reduce((sum, row) => sum + (row.revenue ?? 0), 0);
    if (customers > 0) rows.push({ group: null, customers, revenue: Math.abs(revenue) < 1e-6 ? 0 : revenue });
  }
  // Most revenue first; ties by name with "(none)" first (as SQL orders a NULL group).
  rows.sort((a, b) => (b.revenue ?? 0) - (a.revenue ?? 0) || (a.group === b.group ? 0 : a.group === null ? -1 : b.group === null ? 1 : a.group < b.group ? -1 : 1));
  return toGroups(rows.slice(0, 200), '(none)');
}
