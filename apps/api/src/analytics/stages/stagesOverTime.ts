import { nextPeriod, periodsBetween, type AnalyticsInterval } from '@lifecycle/journey';
import type { StageMoves } from '@lifecycle/db';

/** Customers per stage at the end of one period (or at the end of the range, for a period it cuts short). */
export type StagesAt = { period: string; counts: Record<string, number> };

/**
 * Customers per stage at the end of each period: the running sum of every move before that moment (into a stage +1,
 * out of it −1), plus customers first seen by then in the first stage until their first recorded change.
 */
export function stagesOverTime(input: {
  moves: StageMoves[];
  firstSeen: { day: string; customers: number }[];
  firstStage: string;
  stages: string[];
  from: string;
  to: string;
  interval: AnalyticsInterval;
}): StagesAt[] {
  const deltas = new Map<string, Map<string, number>>();
  const add = (day: string, stage: string, delta: number) => {
    const day_ = deltas.get(day) ?? new Map<string, number>();
    day_.set(stage, (day_.get(stage) ?? 0) + delta);
    deltas.set(day, day_);
  };
  for (const move of input.moves) {
    add(move.day, move.fromStage === '' ? input.firstStage : move.fromStage, -move.moves);
    add(move.day, move.toStage, move.moves);
  }
  for (const seen of input.firstSeen) add(seen.day, input.firstStage, seen.customers);
  const days = [...deltas.keys()].sort();
  const running = new Map<string, number>();
  const toDay = input.to.slice(0, 10);
  let next = 0;
  return periodsBetween(input.from, input.to, input.interval).map((period) => {
    const end = nextPeriod(period, input.interval) < toDay ? nextPeriod(period, input.interval) : toDay;
    for (; next < days.length && days[next]! < end; next += 1)
      for (const [stage, delta] of deltas.get(days[next]!)!) running.set(stage, (running.get(stage) ?? 0) + delta);
    return { period, counts: Object.fromEntries(input.stages.map((stage) => [stage, Math.max(0, running.get(stage) ?? 0)])) };
  });
}
