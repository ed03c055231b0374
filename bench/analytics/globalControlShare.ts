import type { AnalyticsSettings } from '@lifecycle/journey';

/**
 * The bench holds out a tenth of its customers as the global control group, as a workspace measuring its program
 * would: set before the first event, so ingest assigns every customer at first sight (afterAnalyticsBatch) and the
 * global control rollup is kept per revenue event, per segment join and per channel set as in production, and the
 * global-control route is timed over ~10% control / 90% treatment instead of an empty comparison.
 */
export const BENCH_GLOBAL_CONTROL_SHARE = 0.1;

/** The build's analytics settings with the hold-out set. */
export function withBenchGlobalControl(settings: AnalyticsSettings): AnalyticsSettings {
  return { ...settings, globalControlShare: BENCH_GLOBAL_CONTROL_SHARE };
}
