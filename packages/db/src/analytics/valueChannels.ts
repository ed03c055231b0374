import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';

/** Per channel and month: base-currency revenue of the channel's customers and how many had been first seen by the month's end. */
export type ChannelMonth = { channel: string; month: string; revenue: number; customers: number };

/**
 * The inputs of each channel's monthly ARPU for the given months (`YYYY-MM-01`, ascending) in two grouped reads
 * (revenue by channel and month; customers by channel and first-seen month, summed up to each month), instead of
 * a pair of queries per channel and month.
 */
export function channelMonths(db: Db, months: readonly string[], filter: { segmentId: string | null }): ChannelMonth[] {
  const first = months[0];
  const last = months.at(-1);
  if (first === undefined || last === undefined) return [];
  const end = new Date(`${last}T00:00:00.000Z`);
  end.setUTCMonth(end.getUTCMonth() + 1);
  const where = customerFilter(sql`x.customer_id`, { segmentId: filter.segmentId, channel: null });
  const revenue = db.all<{ channel: string; month: string; revenue: number }>(sql`
    SELECT x.channel AS channel, substr(r.day, 1, 7) || '-01' AS month, sum(r.amount) AS revenue
    FROM customer_revenue_daily r JOIN customer_facts x ON x.customer_id = r.customer_id
    WHERE r.day >= ${first} AND r.day < ${end.toISOString().slice(0, 10)} AND r.currency = '' AND x.channel IS NOT NULL AND ${where}
    GROUP BY x.channel, month`);
  const seen = db.all<{ channel: string; month: string; customers: number }>(sql`
    SELECT x.channel AS channel, substr(x.first_seen_at, 1, 7) || '-01' AS month, count(*) AS customers FROM customer_facts x
    WHERE x.channel IS NOT NULL AND x.first_seen_at < ${end.toISOString()} AND ${where}
    GROUP BY x.channel, month ORDER BY x.channel, month`);
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
