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

/**
 * A wait until a moment under a time scale: the span from the wait's start to the moment is scaled, so a demo at
 * 1/60 waits an hour for "until Monday 09:00" three days away (at least 1 ms so a timer is set). Workflow time.
 */
export function scaledWakeMs(state: RunState, startedMs: number, momentMs: number): number {
  return startedMs + Math.max(1, Math.round((momentMs - startedMs) * (state.input.timeScale ?? 1)));
}

/** Now in the journey's own clock for a wait that started at `startedMs` (time scale undone). */
export function journeyNowMs(state: RunState, startedMs: number): number {
  return startedMs + journeyElapsedMs(state, startedMs);
}
