import type { Duration } from '@lifecycle/journey';

/** "2 days", "1 hour"; "?" when the duration is not set yet. */
export function describeDuration(duration: Partial<Duration> | undefined): string {
  if (!duration?.amount || !duration.unit) return '?';
  const unit = duration.amount === 1 ? duration.unit.replace(/s$/, '') : duration.unit;
  return `${duration.amount} ${unit}`;
}
