import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** Per channel and month: base-currency revenue of the channel's customers and how many had been first seen by the month's end. */
export type ChannelMonth = { channel: string; month: string; revenue: number; customers: number };

/**
 * The inputs of each channel's monthly ARPU for the given months (`YYYY-MM-01`, ascending) in two grouped reads
 * (revenue by channel and month; customers by channel and first-seen month, summed up to each month) of the scope
 * rollups, instead of a pair of queries per channel and month.
 */
export async function channelMonths(db: Db, months: readonly string[], filter: { segmentId: string | null }): Promise<ChannelMonth[]> {
  const first = months[0];
  const last = months.at(-1);
  if (first === undefined || last === undefined) return [];
  const end = new Date(`${last}T00:00:00.000Z`);
  end.setUTCMonth(end.getUTCMonth() + 1);
  // Every channel's scope within the segment's (or everyone's): channel '' is the "any channel" scope, left out.
  const segment = filter.segmentId ?? '';
  const endDay = end.toISOString().slice(0, 10);
  const revenue = await db.rows<{ channel: string; month: string; revenue: number }>(sql`
    SELECT channel, substr(day, 1, 7) || '-01' AS month, sum(amount) AS revenue FROM revenue_scope_days
    WHERE segment_id = ${segment} AND channel <> '' AND currency = '' AND day >= ${first} AND day < ${endDay}
    GROUP BY channel, month`);
  const seen = await db.rows<{ channel: string; month: string; customers: number }>(sql`
    SELECT channel, substr(day, 1, 7) || '-01' AS month, sum(customers) AS customers FROM customer_scope_first_seen
    WHERE segment_id = ${segment} AND channel <> '' AND day < ${endDay}
    GROUP BY channel, month HAVING sum(customers) <> 0 ORDER BY channel, month`);
  const revenueOf = new Map(revenue.map((row) => [`${row.channel}\u0000${row.month}`, row.revenue]));
  const channels = [...new Set(seen.map((row) => row.channel))];
  return channels.flatMap((channel) => {
    const acquired = seen.filter((row) => row.channel === channel);
    return months.map((month) => ({
      channel,
      month,
      revenue: revenueOf.get(`${channel}\u0000${month}`) ?? 0,
      customers: acquired.filter((row) => row.month <= month).reduce((sum, row) => sum + row.customers, 0),
    }));
  });
}
