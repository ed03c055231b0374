import { quantileSorted } from 'simple-statistics';

/** Median, 90th percentile and count of a set of durations (ms); null quantiles when there are none. */
export type DurationSummary = { count: number; medianMs: number | null; p90Ms: number | null };

export function summarize(durations: number[]): DurationSummary {
  if (durations.length === 0) return { count: 0, medianMs: null, p90Ms: null };
  const sorted = [...durations].sort((a, b) => a - b);
  return { count: sorted.length, medianMs: quantileSorted(sorted, 0.5), p90Ms: quantileSorted(sorted, 0.9) };
}

/** Durations grouped by stage: `end − start` of each stay, never negative (a change recorded out of order). */
export function durationsByStage(stays: { stage: string; start: string; end: string }[]): Map<string, number[]> {
  const byStage = new Map<string, number[]>();
  for (const stay of stays) {
    const list = byStage.get(stay.stage) ?? [];
    list.push(Math.max(0, Date.parse(stay.end) - Date.parse(stay.start)));
    byStage.set(stay.stage, list);
  }
  return byStage;
}
