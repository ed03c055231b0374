import type { AnalyticsSettings } from '@lifecycle/journey';
import { acquiredByMonthAndChannel, channelMonths, listSpend, type Db } from '@lifecycle/db';
import { mean } from 'simple-statistics';
import type { AnalyticsRange } from './analyticsQuery';
import type { CacAnswer, CacByMonthAnswer } from './spendSchemas';
import { predictedClv } from './valueFigures';

/** Spend in the base currency, or null when its currency has no rate (reported apart, never added). */
function inBase(settings: AnalyticsSettings, amount: number, currency: string): number | null {
  if (currency === settings.revenue.baseCurrency) return amount;
  const rate = settings.revenue.rates[currency];
  return rate === undefined ? null : amount * rate;
}

/** The first and last month (`YYYY-MM`) a range touches. */
export function rangeMonths(range: AnalyticsRange): { fromMonth: string; toMonth: string } {
  return { fromMonth: range.from.slice(0, 7), toMonth: new Date(Date.parse(range.to) - 1).toISOString().slice(0, 7) };
}

const ratio = (top: number | null, bottom: number | null): number | null => (top === null || bottom === null || bottom === 0 ? null : top / bottom);

/** CAC per month and channel: the month's spend ÷ customers first seen that month through that channel. */
export async function cacByMonth(db: Db, settings: AnalyticsSettings, range: AnalyticsRange): Promise<CacByMonthAnswer> {
  const { fromMonth, toMonth } = rangeMonths(range);
  const rows = new Map<string, { month: string; channel: string; spend: number; customers: number }>();
  const entry = (month: string, channel: string) => {
    const key = `${month}\u0000${channel}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { month, channel, spend: 0, customers: 0 }));
    return row;
  };
  for (const spend of await listSpend(db, { fromMonth, toMonth })) {
    const amount = inBase(settings, spend.amount, spend.currency);
    if (amount !== null && (range.channel === null || range.channel === spend.channel)) entry(spend.month, spend.channel).spend += amount;
  }
  for (const acquired of await acquiredByMonthAndChannel(db, fromMonth, toMonth, range)) entry(acquired.month, acquired.channel).customers += acquired.customers;
  const sorted = [...rows.values()].sort((a, b) => a.month.localeCompare(b.month) || a.channel.localeCompare(b.channel));
  return { baseCurrency: settings.revenue.baseCurrency, rows: sorted.map((row) => ({ ...row, cac: ratio(row.spend, row.customers) })) };
}

/** Each channel's ARPU per month: the mean over the months (with customers) of revenue ÷ customers seen by the month's end. */
async function channelArpus(db: Db, months: string[], segmentId: string | null): Promise<Map<string, number>> {
  const perChannel = new Map<string, number[]>();
  for (const row of await channelMonths(db, months.map((month) => month.slice(0, 10)), { segmentId })) {
    if (row.customers === 0) continue;
    perChannel.set(row.channel, [...(perChannel.get(row.channel) ?? []), row.revenue / row.customers]);
  }
  return new Map([...perChannel.entries()].map(([channel, arpus]) => [channel, mean(arpus)]));
}

/**
 * CAC, CLV:CAC and payback per channel over the range's months. The channel's predicted CLV uses its own customers'
 * monthly ARPU and the churn rate of all customers (a channel's own churn over a few months is too few moves to trust).
 */
export async function cacByChannel(db: Db, settings: AnalyticsSettings, range: AnalyticsRange, months: string[]): Promise<CacAnswer> {
  const byMonth = await cacByMonth(db, settings, range);
  const channels = new Map<string, { spend: number; customers: number }>();
  for (const row of byMonth.rows) {
    const channel = channels.get(row.channel) ?? { spend: 0, customers: 0 };
    channels.set(row.channel, { spend: channel.spend + row.spend, customers: channel.customers + row.customers });
  }
  const overall = await predictedClv(db, settings, months, { segmentId: range.segmentId, channel: null });
  const unconverted = new Map<string, number>();
  for (const spend of await listSpend(db, rangeMonths(range))) {
    if (inBase(settings, spend.amount, spend.currency) === null) unconverted.set(spend.currency, (unconverted.get(spend.currency) ?? 0) + spend.amount);
  }
  const arpus = await channelArpus(db, months, range.segmentId);
  const rows = [...channels.entries()].map(([channel, totals]) => {
    const arpuPerMonth = arpus.get(channel) ?? null;
    const cac = ratio(totals.spend, totals.customers);
    const monthlyMargin = arpuPerMonth === null ? null : arpuPerMonth * settings.margin;
    const predicted = ratio(monthlyMargin, overall.churnRate);
    return { channel, spend: totals.spend, customers: totals.customers, cac, arpuPerMonth, predictedClv: predicted, clvToCac: ratio(predicted, cac), paybackMonths: ratio(cac, monthlyMargin) };
  });
  return {
    baseCurrency: settings.revenue.baseCurrency, margin: settings.margin, churnRate: overall.churnRate, months,
    channels: rows.sort((a, b) => b.spend - a.spend || a.channel.localeCompare(b.channel)),
    unconvertedSpend: [...unconverted.entries()].map(([currency, amount]) => ({ currency, amount })),
  };
}
