import { stageFunnelBuckets, stayBucketBounds, type Db, type StageFilter } from '@lifecycle/db';
import type { FunnelStep } from './stagesFunnel';
import { intervalQuantile } from './stayQuantiles';

/** Which walk a funnel reads: a churn stage as the last step has its own track; any other end is a prefix of track ''. */
export function trackOf(steps: string[], churnStages: string[]): string {
  const end = steps[steps.length - 1]!;
  return churnStages.includes(end) ? end : '';
}

/**
 * The funnel's steps from the walks rollup (migration 0036; refreshed by the caller): customers per step exactly, the
 * median time from the step before from 5%-wide gap buckets (linear within a bucket, ranked as `median` ranks values).
 */
export async function funnelFromRollup(
  db: Db,
  steps: string[],
  track: string,
  window: { from: string; to: string },
  filter: StageFilter,
): Promise<FunnelStep[]> {
  const rows = await stageFunnelBuckets(db, { start: steps[0]!, track, lastStep: steps.length - 1, ...window, filter });
  return steps.map((stage, step) => {
    const mine = rows.filter((row) => row.step === step);
    const customers = mine.reduce((sum, row) => sum + row.entries, 0);
    // Bucket -2 holds steps reached at the very instant of the one before (no time at all).
    const intervals = mine.map((row) => ({ ...(row.bucket === -2 ? { lo: 0, hi: 0 } : stayBucketBounds(row.bucket)), count: row.entries }));
    return { stage, customers, medianMsFromPrevious: step === 0 ? null : intervalQuantile(intervals, 0.5) };
  });
}
