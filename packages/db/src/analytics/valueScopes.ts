import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';

/** The rollup scope of a filter (migration 0029): '' stands for "any segment" / "any channel". */
export function scopeOf(filter: { segmentId: string | null; channel: string | null }): SQL {
  return sql`segment_id = ${filter.segmentId ?? ''} AND channel = ${filter.channel ?? ''}`;
}

/**
 * Customers who paid (base currency) between two days (`YYYY-MM-DD`, end exclusive), in the filter's scope: the payer
 * cells with a day in the range whose previous paying day is before it (each such customer has exactly one).
 */
export async function payersBetween(db: Db, fromDay: string, toDay: string, filter: { segmentId: string | null; channel: string | null }): Promise<number> {
  const [row] = await db.rows<{ customers: number | null }>(sql`
    SELECT sum(customers) AS customers FROM revenue_scope_payers WHERE ${scopeOf(filter)} AND day >= ${fromDay} AND day < ${toDay} AND prev_day < ${fromDay}`);
  return row?.customers ?? 0;
}

/** Customers first seen before a day (`YYYY-MM-DD`) in the filter's scope. */
export async function firstSeenBeforeDay(db: Db, day: string, filter: { segmentId: string | null; channel: string | null }): Promise<number> {
  const [row] = await db.rows<{ customers: number | null }>(sql`SELECT sum(customers) AS customers FROM customer_scope_first_seen WHERE ${scopeOf(filter)} AND day < ${day}`);
  return row?.customers ?? 0;
}
