import { traitsUpdatedEvent } from '@lifecycle/journey';
import { listUndispatchedEvents, recordDispatchError, type Db, type StoredEvent } from '@lifecycle/db';
import type { RunEvent } from '@lifecycle/workflows/messages';
import { log as apiLog, runLog } from '../observability/logger';
import type { RunStarter } from '../runStarter';
import { dispatchStatements, liveTriggerNames } from './dispatchStatements';
import { sweepLifecycle } from './lifecycleSweep';
import { startTriggeredRuns, type StartDeps } from './startRuns';

export type DispatcherDeps = {
  db: Db;
  runs: RunStarter;
  timeScale: number;
  now?: () => Date;
  batchSize?: number;
  /** Replaces the structured log for the dispatcher's warnings (tests pass a no-op). */
  log?: (message: string) => void;
  /** How often `start()` also runs the lifecycle sweep (segment windows, inactivity); default 5 s. */
  lifecycleSweepMs?: number;
  /** How many customers' events are dispatched at once (each customer's still one after another); default 16. */
  concurrency?: number;
};

/** After this many failures in a row a pass stops: Temporal is probably down, the sweep will try again. */
const MAX_FAILURES_PER_PASS = 3;

/** Starts the runs an event triggers, then signals the customer's other active runs with it. */
async function dispatchEvent(deps: StartDeps, event: StoredEvent, triggers: ReadonlySet<string>): Promise<void> {
  if (!event.customerId) return;
  // An identify that set traits reaches running runs as `customer_traits_updated` (a wait keyed to a date trait or to
  // the customer's time zone re-arms on it); it starts nothing. Page, screen, group and alias events are history.
  const traitsChanged = event.type === 'identify' && Object.keys(event.traits ?? {}).length > 0;
  if (!traitsChanged && ((event.type !== 'track' && event.type !== 'internal') || !event.name)) return;
  const runEvent: RunEvent = traitsChanged
    ? traitsUpdatedEvent({ id: event.id, traits: event.traits ?? null, timestamp: event.timestamp })
    : { id: event.id, name: event.name ?? '', properties: event.properties, timestamp: event.timestamp };
  // Most events start nothing: skip the per-journey checks unless some live journey starts on this name.
  const owned = !traitsChanged && triggers.has(runEvent.name) ? await startTriggeredRuns(deps, event.customerId, runEvent) : new Set<string>();
  const customerId = event.customerId;
  const others = (dispatchStatements(deps.db).activeRunIds.all(customerId) as string[]).filter((workflowId) => !owned.has(workflowId));
  // Different runs of one customer are independent: one event reaches them all at once. Each run still gets this
  // customer's events in order, because the customer's next event waits for this one.
  await Promise.all(
    others.map(async (workflowId) => {
      const runLine = runLog({ workflowId, customerId }).child({ eventId: event.id, event: runEvent.name });
      try {
        const outcome = await deps.runs.signalRun(workflowId, runEvent); // 'not_found': the run closed meanwhile; nothing to do
        runLine.info({ outcome }, 'run signalled');
      } catch (error) {
        runLine.warn({ err: error }, 'run could not be signalled (the event will be dispatched again)');
        throw error;
      }
    }),
  );
}

/** Runs `task` over `items` with at most `limit` running at once; results in `items` order. */
async function inFlight<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T);
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The batch's events by customer, each customer's in the batch's (oldest first) order. */
function byCustomer(batch: StoredEvent[]): StoredEvent[][] {
  const lanes = new Map<string | null, StoredEvent[]>();
  for (const event of batch) {
    const lane = lanes.get(event.customerId);
    if (lane) lane.push(event);
    else lanes.set(event.customerId, [event]);
  }
  return [...lanes.values()];
}

/**
 * Hands stored events to journeys: `kick()` after storing (never blocks the answer), plus a sweep
 * every `intervalMs` for anything left undispatched — so an outage of Temporal loses nothing.
 * Events of one customer are dispatched in order; a failure holds back that customer's later events.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const startDeps: StartDeps = { db: deps.db, runs: deps.runs, timeScale: deps.timeScale, now: deps.now ?? (() => new Date()) };
  const batchSize = deps.batchSize ?? 200;
  const concurrency = deps.concurrency ?? 16;
  const log = (message: string, fields: Record<string, unknown> = {}) => (deps.log ? deps.log(message) : apiLog.warn(fields, message));
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;

  /** The lifecycle sweep; whatever it emitted (stage/segment events) is dispatched at once. */
  function sweep(): void {
    try {
      const { rechecked, moved } = sweepLifecycle(deps.db, startDeps.now());
      if (rechecked + moved > 0) kick();
    } catch (error) {
      log(`lifecycle sweep failed (will retry): ${String(error)}`);
    }
  }

  /**
   * One pass over undispatched events, oldest first; returns how many were dispatched. A batch is split by customer:
   * up to `concurrency` customers at once, each customer's events one after another in stored order, and the whole
   * batch settles before the next is read, so a customer's later events never overtake earlier ones.
   */
  async function dispatchPending(): Promise<number> {
    let dispatched = 0;
    let failuresInRow = 0;
    let gaveUp = false;
    const heldBack = new Set<string | null>();

    async function dispatchLane(lane: StoredEvent[], triggers: ReadonlySet<string>): Promise<boolean> {
      for (const event of lane) {
        if (gaveUp || heldBack.has(event.customerId)) return false;
        try {
          await dispatchEvent(startDeps, event, triggers);
          dispatchStatements(deps.db).markDispatched.run(startDeps.now().toISOString(), event.id);
          dispatched += 1;
          failuresInRow = 0;
        } catch (error) {
          failuresInRow += 1;
          heldBack.add(event.customerId);
          const message = error instanceof Error ? error.message : String(error);
          recordDispatchError(deps.db, event.id, message);
          log(`dispatch of event ${event.id} failed (will retry): ${message}`, { eventId: event.id, customerId: event.customerId });
          if (failuresInRow >= MAX_FAILURES_PER_PASS) gaveUp = true;
          return false;
        }
      }
      return true;
    }

    for (;;) {
      const batch = listUndispatchedEvents(deps.db, batchSize).filter((event) => !heldBack.has(event.customerId));
      if (batch.length === 0) return dispatched;
      const triggers = liveTriggerNames(deps.db);
      const settled = await inFlight(byCustomer(batch), concurrency, (lane) => dispatchLane(lane, triggers));
      if (gaveUp || settled.includes(false)) return dispatched;
    }
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      await dispatchPending();
    } while (again);
  }

  /** Dispatches soon, in the background; kicks during a pass make it run once more. */
  function kick(): void {
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => log(`dispatcher pass failed: ${String(error)}`))
      .finally(() => {
        running = undefined;
      });
  }

  return {
    dispatchPending,
    kick,
    /** Resolves when no pass is running. */
    async idle(): Promise<void> {
      while (running) await running;
    },
    /** Sweeps every `intervalMs` until stopped. */
    start(intervalMs = 1_000): void {
      timer ??= setInterval(kick, intervalMs);
      timer.unref();
      sweepTimer ??= setInterval(sweep, deps.lifecycleSweepMs ?? 5_000);
      sweepTimer.unref();
    },
    sweep,
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      if (sweepTimer) clearInterval(sweepTimer);
      timer = undefined;
      sweepTimer = undefined;
      while (running) await running;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
