import { durationMs, type Duration } from '@lifecycle/journey';
import type { RunState } from './runState';

/** "2 days", "1 hour": a duration as the marketer wrote it. */
export function describeDuration(duration: Duration): string {
  const unit = duration.amount === 1 ? duration.unit.replace(/s$/, '') : duration.unit;
  return `${duration.amount} ${unit}`;
}

const units: [number, string][] = [
  [604_800_000, 'week'],
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1_000, 'second'],
];

/**
 * An elapsed time in its largest whole unit, rounded: "3 hours", "less than a second". A time that rounds up to a
 * unit counts as one ("59 min 59 s" is "1 hour", not "60 minutes").
 */
export function describeMs(ms: number): string {
  for (const [index, [size, name]] of units.entries()) {
    const smaller = units[index + 1]?.[0] ?? 0;
    const amount = Math.max(1, Math.round(ms / size));
    if (ms >= size - smaller / 2) return `${amount} ${name}${amount === 1 ? '' : 's'}`;
  }
  return 'less than a second';
}

/** How long this run really waits for a journey duration (time scale applied; at least 1 ms so a timer is set). */
export function scaledMs(state: RunState, duration: Duration): number {
  return Math.max(1, Math.round(durationMs(duration) * (state.input.timeScale ?? 1)));
}

/** A span of workflow time in the journey's own time (time scale undone). */
export function journeyMs(state: RunState, workflowMs: number): number {
  return workflowMs / (state.input.timeScale ?? 1);
}

/** Workflow time elapsed since `sinceMs`, in the journey's own time (time scale undone). */
export function journeyElapsedMs(state: RunState, sinceMs: number): number {
  return journeyMs(state, Date.now() - sinceMs);
}
