import { z } from 'zod';

/** How analytics group time: calendar days, ISO weeks (Monday first) or calendar months, all in UTC. */
export const AnalyticsInterval = z.enum(['day', 'week', 'month']);
export type AnalyticsInterval = z.infer<typeof AnalyticsInterval>;

const DAY_MS = 86_400_000;

/** The start (ISO date `YYYY-MM-DD`, UTC) of the period holding `at`. */
export function periodStart(at: string | Date, interval: AnalyticsInterval): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  if (interval === 'month') day.setUTCDate(1);
  if (interval === 'week') day.setTime(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  return day.toISOString().slice(0, 10);
}

/** The start of the period after the one starting at `start`. */
export function nextPeriod(start: string, interval: AnalyticsInterval): string {
  const date = new Date(`${start}T00:00:00.000Z`);
  if (interval === 'day') date.setUTCDate(date.getUTCDate() + 1);
  else if (interval === 'week') date.setUTCDate(date.getUTCDate() + 7);
  else date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}

/** Every period start from the one holding `from` up to (not including) `to`. At most `limit` of them. */
export function periodsBetween(from: string, to: string, interval: AnalyticsInterval, limit = 1000): string[] {
  const periods: string[] = [];
  const end = to.slice(0, 10);
  for (let start = periodStart(from, interval); start < end && periods.length < limit; start = nextPeriod(start, interval)) periods.push(start);
  return periods;
}

/** Whole periods from the period starting at `cohort` to the one starting at `period` (0 for the same period). */
export function periodsSince(cohort: string, period: string, interval: AnalyticsInterval): number {
  const a = new Date(`${cohort}T00:00:00.000Z`);
  const b = new Date(`${period}T00:00:00.000Z`);
  if (interval === 'month') return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  return Math.round((b.getTime() - a.getTime()) / (interval === 'day' ? DAY_MS : 7 * DAY_MS));
}
