/**
 * How much of the API's time the analytics applier may take. While the process is ingesting (events were stored in
 * the last `busyWindowMs`, here or by another process sharing the database) the applier earns `busyShare` of the wall
 * time that passes plus most of the time the event loop sat idle, and spends it one chunk at a time: a saturated API
 * (no idle time) keeps at least 1 − busyShare of itself for ingest, while one that ingests a steady trickle still
 * counts at the speed its idle time allows. Once the oldest event waiting is older than `maxLagMs`, the busy share
 * rises to `lagShare`: a sustained saturation would otherwise grow the backlog (and how far behind the figures are)
 * without end, counting costing about twice what storing does. With no ingest it may run slices of `idleSliceMs` back
 * to back (yielding to I/O between them). Pure, with the clock, the idle time and the lag passed in, so the rule is
 * tested exactly.
 */
export type ApplierBudget = {
  /**
   * Milliseconds the applier may spend now (0: wait for the next tick); `idleMs`: event-loop idle time since the last
   * call; `lagMs`: how long the oldest event waiting has waited.
   */
  allowance(now: number, idleMs?: number, lagMs?: number): number;
  /** Records `ms` of apply work done at `now`. */
  spent(ms: number, now: number): void;
  /** Records that events were stored at `now`. */
  ingested(now: number): void;
  /** Whether the applier is held to its budget at `now` (events were stored in the last `busyWindowMs`). */
  busy(now: number): boolean;
};

/** Share of the event loop's idle time the applier may fill: the rest absorbs the next request's arrival. */
const IDLE_USE = 0.8;

export function applierBudget(options: { busyShare: number; lagShare?: number; maxLagMs?: number; busyWindowMs?: number; idleSliceMs?: number; maxCreditMs?: number }): ApplierBudget {
  const lagShare = Math.max(options.busyShare, options.lagShare ?? 0.5);
  const maxLagMs = options.maxLagMs ?? 60_000;
  const busyWindowMs = options.busyWindowMs ?? 1_000;
  const idleSliceMs = options.idleSliceMs ?? 50;
  // Also the longest a request waits behind one stretch of counting.
  const maxCreditMs = options.maxCreditMs ?? 50;
  let lastIngest = -Infinity;
  let credit = 0; // time earned and not spent; negative after a chunk that ran over
  let earnedUntil: number | null = null;
  let share = options.busyShare; // the share in force since the last look
  const earn = (now: number, idleMs: number) => {
    if (earnedUntil !== null) credit = Math.min(maxCreditMs, credit + share * Math.max(0, now - earnedUntil) + IDLE_USE * idleMs);
    earnedUntil = now;
  };
  return {
    allowance(now, idleMs = 0, lagMs = 0) {
      earn(now, idleMs);
      share = lagMs > maxLagMs ? lagShare : options.busyShare;
      return this.busy(now) ? Math.max(0, credit) : Math.max(idleSliceMs, credit);
    },
    spent(ms, now) {
      earn(now, 0);
      credit -= ms;
    },
    ingested(now) {
      lastIngest = Math.max(lastIngest, now);
    },
    busy(now) {
      return now - lastIngest < busyWindowMs;
    },
  };
}
