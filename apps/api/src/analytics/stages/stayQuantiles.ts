import { stayBucketBounds, type StayBucket, type StayStartDay } from '@lifecycle/db';
import type { DurationSummary } from './timeInStage';

const DAY_MS = 86_400_000;

/** `count` durations spread evenly over [lo, hi). */
type Interval = { lo: number; hi: number; count: number };

/**
 * The q-quantile of durations known only by interval, ranked as `quantileSorted` ranks exact values (q·(n − 1),
 * 0-based) and placed within its interval as if the interval's values were spread evenly (each at the middle of its
 * equal share). Intervals must not overlap.
 */
export function intervalQuantile(intervals: Interval[], q: number): number | null {
  const sorted = intervals.filter((interval) => interval.count > 0).sort((a, b) => a.lo - b.lo || a.hi - b.hi);
  const total = sorted.reduce((sum, interval) => sum + interval.count, 0);
  if (total === 0) return null;
  const rank = q * (total - 1);
  let before = 0;
  for (const interval of sorted) {
    if (rank < before + interval.count) return interval.lo + ((interval.hi - interval.lo) * (rank - before + 0.5)) / interval.count;
    before += interval.count;
  }
  return sorted[sorted.length - 1]!.hi;
}

function summaries(byStage: Map<string, Interval[]>): Map<string, DurationSummary> {
  const result = new Map<string, DurationSummary>();
  for (const [stage, intervals] of byStage) {
    const count = intervals.reduce((sum, interval) => sum + interval.count, 0);
    result.set(stage, { count, medianMs: intervalQuantile(intervals, 0.5), p90Ms: intervalQuantile(intervals, 0.9) });
  }
  return result;
}

function grouped<T extends { stage: string }>(rows: T[], interval: (row: T) => Interval): Map<string, Interval[]> {
  const byStage = new Map<string, Interval[]>();
  for (const row of rows) byStage.set(row.stage, [...(byStage.get(row.stage) ?? []), interval(row)]);
  return byStage;
}

/** Finished stays' median and p90 per stage from the duration buckets (5% wide). */
export function finishedFromBuckets(rows: StayBucket[]): Map<string, DurationSummary> {
  return summaries(grouped(rows, (row) => ({ ...stayBucketBounds(row.bucket), count: row.stays })));
}

/** Current stays' median and p90 per stage at `asOf`, from the day each began (a stay begun on day d: asOf − d − 1 day to asOf − d). */
export function currentFromDays(rows: StayStartDay[], asOf: string): Map<string, DurationSummary> {
  const at = Date.parse(asOf);
  return summaries(
    grouped(rows, (row) => {
      const start = Date.parse(`${row.startDay}T00:00:00.000Z`);
      return { lo: Math.max(0, at - start - DAY_MS), hi: Math.max(0, at - start), count: row.stays };
    }),
  );
}
