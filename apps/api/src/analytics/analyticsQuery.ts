import { AnalyticsInterval } from '@lifecycle/journey';
import { z } from 'zod';

const DateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'a date such as 2026-11-01 (UTC)')
  // The day as the range reads it (`YYYY-MM-DDT00:00Z`) must exist and be that day: Date.parse alone accepts a
  // day 73 through its legacy fallback, which the range then could not turn into an instant.
  .refine((value) => {
    const day = new Date(`${value.slice(0, 10)}T00:00:00.000Z`);
    return !Number.isNaN(Date.parse(value)) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value.slice(0, 10);
  }, 'not a real date');

/** The filters every analytics figure takes: a date range, an interval, and optionally a segment and a channel. */
export const AnalyticsQuery = z.object({
  from: DateParam.optional().describe('first day counted (UTC, inclusive); default 90 days before `to`'),
  to: DateParam.optional().describe('last day counted (UTC, inclusive); default today'),
  interval: AnalyticsInterval.default('week').describe('how the figures are grouped in time'),
  segment: z.string().min(1).max(200).optional().describe('only customers in this segment now'),
  channel: z.string().min(1).max(200).optional().describe('only customers acquired through this channel (first touch)'),
});
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

/** A resolved range: ISO instants, `to` exclusive (the day after the last day counted). */
export type AnalyticsRange = { from: string; to: string; interval: AnalyticsInterval; segmentId: string | null; channel: string | null };

const DAY_MS = 86_400_000;

/** Turns the query into instants, with the defaults filled in; a range ending before it starts is swapped. */
export function resolveRange(query: AnalyticsQuery, now = new Date()): AnalyticsRange {
  const lastDay = query.to ? new Date(`${query.to.slice(0, 10)}T00:00:00.000Z`) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const firstDay = query.from ? new Date(`${query.from.slice(0, 10)}T00:00:00.000Z`) : new Date(lastDay.getTime() - 90 * DAY_MS);
  const [start, end] = firstDay <= lastDay ? [firstDay, lastDay] : [lastDay, firstDay];
  return {
    from: start.toISOString(),
    to: new Date(end.getTime() + DAY_MS).toISOString(),
    interval: query.interval,
    segmentId: query.segment ?? null,
    channel: query.channel ?? null,
  };
}
