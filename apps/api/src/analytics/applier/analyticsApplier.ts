import { countPendingAnalytics, hasPendingAnalytics, newestPendingAnalytics, oldestPendingAnalytics, type Db } from '@lifecycle/db';
import { applierBudget } from './applierBudget';
import { onIngest } from './ingestActivity';

export type AnalyticsApplierOptions = {
  db: Db;
  /** Share of the process the applier may take while it ingests (ANALYTICS_BUSY_SHARE). */
  busyShare: number;
  /** Past this lag (the oldest event waiting, ANALYTICS_MAX_LAG_MS) the share rises to `lagShare` (default 0.5). */
  maxLagMs?: number;
  lagShare?: number;
  /** How often it looks for queued events. */
  tickMs?: number;
  /** How long it waits after a pass that failed. */
  retryMs?: number;
  /** Events per transaction: small, so ingest waits at most one chunk for the write lock. */
  chunk?: number;
  log?: (message: string) => void;
};

/**
 * Counts queued events into the analytics rollups in the background (packages/db pendingEvents.ts), in chunks that
 * each commit on their own, within the budget of applierBudget.ts. Every API process runs one; two of them over one
 * database take turns on the write lock, and a chunk is taken off the queue in the transaction that counts it, so
 * none is counted twice. Reads do not wait for it: the analytics routes first apply what is queued (catchUp.ts).
 */
export function startAnalyticsApplier(options: AnalyticsApplierOptions): { stop: () => Promise<void>; applied: () => number; busy: () => boolean } {
  const { db } = options;
  const budget = applierBudget({ busyShare: options.busyShare, maxLagMs: options.maxLagMs, lagShare: options.lagShare });
  const stopListening = onIngest(() => budget.ingested(performance.now()));
  let applied = 0;
  let stopped = false;
  let failing = false;
  let newestSeen: number | null = null;

  // Another API process sharing the database may be the one ingesting: events it queued since the last look count as
  // ingest here too, so this applier does not take the write lock from it at full speed.
  const noteQueuedElsewhere = async () => {
    const newest = await newestPendingAnalytics(db);
    if (newest !== null && newest !== newestSeen) budget.ingested(performance.now());
    newestSeen = newest;
  };

  let loop = performance.eventLoopUtilization();
  /** Milliseconds the event loop sat idle (waiting for I/O or timers) since the last call. */
  const idleSinceLastLook = () => {
    const since = performance.eventLoopUtilization(loop);
    loop = performance.eventLoopUtilization();
    return since.idle;
  };

  // After a pass that failed, the next waits this long: a fault that does not go away costs a retry every few seconds.
  let retryAt = 0;

  const pass = async (): Promise<void> => {
    try {
      await noteQueuedElsewhere();
      const oldest = await oldestPendingAnalytics(db);
      const lagMs = oldest === null ? 0 : Math.max(0, Date.now() - Date.parse(oldest));
      let allowance = budget.allowance(performance.now(), idleSinceLastLook(), lagMs);
      while (allowance > 0 && !stopped) {
        const started = performance.now();
        let taken = 0;
        try {
          taken = await countPendingAnalytics(db, { limit: options.chunk ?? 25 });
        } finally {
          // A chunk that failed spent its time too.
          const ended = performance.now();
          budget.spent(ended - started, ended);
          allowance -= ended - started;
        }
        applied += taken;
        if (taken === 0) break;
        // Slice used up with events left: go on after pending I/O (idle), or at the next tick's allowance (busy).
        if (allowance <= 0 && (await hasPendingAnalytics(db))) setImmediate(runPass);
      }
      failing = false;
    } catch (error) {
      // The database failed (busy, full): the chunk was rolled back whole and stays queued; the next tick tries again. Said once per run of failures.
      if (!failing) options.log?.(`analytics applier: ${error instanceof Error ? error.message : String(error)}`);
      failing = true;
      retryAt = performance.now() + (options.retryMs ?? 5_000);
    }
  };
  // A pass awaits the database: one asked for while another runs is skipped, so two passes never overlap; `stop`
  // waits for the one in progress. pass catches its own failures.
  let running: Promise<void> | undefined;
  const runPass = (): void => {
    if (running || stopped || performance.now() < retryAt) return;
    running = pass().finally(() => (running = undefined));
  };

  const timer = setInterval(runPass, options.tickMs ?? 100);
  timer.unref();
  return {
    /** Stops the ticks; resolves once the pass in progress (at most its current chunk: it checks between chunks) has ended. */
    async stop() {
      stopped = true;
      clearInterval(timer);
      stopListening();
      await running;
    },
    applied: () => applied,
    /** Held to its share because this process, or another sharing the database, is ingesting (false: counting at full speed). */
    busy: () => budget.busy(performance.now()),
  };
}
