/**
 * How much of the API's time the analytics applier may take. While the process is ingesting (it stored events in the
 * last `busyWindowMs`) the applier earns `busyShare` of the wall time that passes and spends it one chunk at a time, so
 * ingest keeps at least 1 − busyShare of the process; idle, it may run slices of `idleSliceMs` back to back (yielding
 * to I/O between them), and catches up at full speed. Pure, with the clock passed in, so the rule is tested exactly.
 */
export type ApplierBudget = {
  /** Milliseconds the applier may spend now (0: wait for the next tick). */
  allowance(now: number): number;
  /** Records `ms` of apply work done at `now`. */
  spent(ms: number, now: number): void;
  /** Records that the process stored events at `now`. */
  ingested(now: number): void;
  /** Whether the applier is held to its share at `now` (events were stored in the last `busyWindowMs`). */
  busy(now: number): boolean;
};

export function applierBudget(options: { busyShare: number; busyWindowMs?: number; idleSliceMs?: number; maxCreditMs?: number }): ApplierBudget {
  const busyWindowMs = options.busyWindowMs ?? 1_000;
  const idleSliceMs = options.idleSliceMs ?? 50;
  const maxCreditMs = options.maxCreditMs ?? 100;
  let lastIngest = -Infinity;
  let credit = 0; // busy-mode time earned and not spent; negative after a chunk that ran over
  let earnedUntil: number | null = null;
  const earn = (now: number) => {
    if (earnedUntil !== null) credit = Math.min(maxCreditMs, credit + options.busyShare * Math.max(0, now - earnedUntil));
    earnedUntil = now;
  };
  return {
    allowance(now) {
      earn(now);
      return this.busy(now) ? Math.max(0, credit) : Math.max(idleSliceMs, credit);
    },
    busy(now) {
      return now - lastIngest < busyWindowMs;
    },
    spent(ms, now) {
      earn(now);
      credit -= ms;
    },
    ingested(now) {
      lastIngest = Math.max(lastIngest, now);
    },
  };
}
