import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { acquisitionSpend } from './valueSchema';

/** One month's acquisition spend on one channel, in `currency`. */
export type SpendRow = { month: string; channel: string; amount: number; currency: string };

/** Spend entries between two months (`YYYY-MM`, both inclusive; either may be absent), by month then channel. */
export async function listSpend(db: Db, range: { fromMonth?: string; toMonth?: string } = {}): Promise<(SpendRow & { updatedAt: string })[]> {
  const where = and(range.fromMonth ? gte(acquisitionSpend.month, range.fromMonth) : undefined, range.toMonth ? lte(acquisitionSpend.month, range.toMonth) : undefined);
  return await db.select().from(acquisitionSpend).where(where).orderBy(asc(acquisitionSpend.month), asc(acquisitionSpend.channel)).limit(10_000);
}

/** Sets a month's spend on a channel (replacing what was entered for that month and channel). */
export async function upsertSpend(db: Db, row: SpendRow): Promise<void> {
  const updatedAt = new Date().toISOString();
  await db.insert(acquisitionSpend)
    .values({ ...row, updatedAt })
    .onConflictDoUpdate({ target: [acquisitionSpend.month, acquisitionSpend.channel], set: { amount: row.amount, currency: row.currency, updatedAt } });
}

/** Sets many entries at once, all or none (a CSV upload). */
export async function upsertSpendRows(db: Db, rows: readonly SpendRow[]): Promise<void> {
  await db.transaction(async () => {
    for (const row of rows) await upsertSpend(db, row);
  });
}

/** Removes a month's spend on a channel; true when there was one. */
export async function deleteSpend(db: Db, month: string, channel: string): Promise<boolean> {
  return (await db.run(db.delete(acquisitionSpend).where(and(eq(acquisitionSpend.month, month), eq(acquisitionSpend.channel, channel))))).changes > 0;
}

/** Customers first seen in each month (`YYYY-MM`, inclusive range) per first-touch channel: who each month's spend acquired. */
export async function acquiredByMonthAndChannel(db: Db, fromMonth: string, toMonth: string, filter: { segmentId: string | null; channel: string | null }): Promise<{ month: string; channel: string; customers: number }[]> {
  // The channels' own scopes (channel '' is "any channel"), within the segment's or everyone's.
  const channel = filter.channel === null ? sql`channel <> ''` : sql`channel = ${filter.channel}`;
  return await db.rows(sql`
    SELECT substr(day, 1, 7) AS month, channel, sum(customers) AS customers FROM customer_scope_first_seen
    WHERE segment_id = ${filter.segmentId ?? ''} AND ${channel} AND day >= ${`${fromMonth}-01`} AND day < ${nextMonth(toMonth)}
    GROUP BY month, channel HAVING sum(customers) <> 0 ORDER BY month, channel`);
}

function nextMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00.000Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}
