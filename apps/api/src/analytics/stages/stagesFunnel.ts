import type { FunnelPathRow } from '@lifecycle/db';
import { median } from 'simple-statistics';

/** One funnel step: how many customers reached it in order, and the median time from the step before. */
export type FunnelStep = { stage: string; customers: number; medianMsFromPrevious: number | null };

/**
 * Follows each customer's path from entering the first step: they reach the next step at their first entry into it
 * after reaching the previous one (strict order; a stage skipped ends their way down the funnel). Per step: how many
 * reached it, and each one's time from the step before.
 */
export function funnelGaps(steps: string[], rows: FunnelPathRow[]): { reached: number[]; gaps: number[][] } {
  const reached = steps.map(() => 0);
  const gaps: number[][] = steps.map(() => []);
  let index = 0;
  while (index < rows.length) {
    const customer = rows[index]!.customerId;
    let step = 0;
    let reachedAt = Date.parse(rows[index]!.enteredAt);
    reached[0]! += 1;
    for (; index < rows.length && rows[index]!.customerId === customer; index += 1) {
      const row = rows[index]!;
      if (step + 1 >= steps.length || row.stage !== steps[step + 1] || row.at === null) continue;
      const at = Date.parse(row.at);
      step += 1;
      reached[step]! += 1;
      gaps[step]!.push(at - reachedAt);
      reachedAt = at;
    }
  }
  return { reached, gaps };
}

/** The funnel's steps from every customer's path (exact medians). */
export function funnelSteps(steps: string[], rows: FunnelPathRow[]): FunnelStep[] {
  const { reached, gaps } = funnelGaps(steps, rows);
  return steps.map((stage, i) => ({ stage, customers: reached[i]!, medianMsFromPrevious: gaps[i]!.length > 0 ? median(gaps[i]!) : null }));
}

/** A step's conversion: the share of the previous step's customers who reached it (null without any). */
export function stepRate(steps: FunnelStep[], i: number): number | null {
  const before = steps[i - 1]?.customers ?? 0;
  return before > 0 ? steps[i]!.customers / before : null;
}

export type WeakestStep = { from: string; to: string; rate: number; previousRate: number; drop: number };

/** The step whose conversion fell most against the previous period (only steps with a rate in both; null if none fell). */
export function weakestStep(current: FunnelStep[], previous: FunnelStep[]): WeakestStep | null {
  let weakest: WeakestStep | null = null;
  for (let i = 1; i < current.length; i += 1) {
    const rate = stepRate(current, i);
    const previousRate = stepRate(previous, i);
    if (rate === null || previousRate === null || previousRate - rate <= 0) continue;
    if (!weakest || previousRate - rate > weakest.drop)
      weakest = { from: current[i - 1]!.stage, to: current[i]!.stage, rate, previousRate, drop: previousRate - rate };
  }
  return weakest;
}
