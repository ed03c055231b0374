import { randomUUID } from 'node:crypto';
import { inOneSnapshot, liveTriggerNames, markEventsDispatched, recordDispatchError, undispatchedEventsAfter, type Db, type EventPosition, type StoredEvent } from '@lifecycle/db';
import { eventsDispatched } from '../observability/apiMetrics';
import { createLease } from './lease';
import { log as apiLog } from '../observability/logger';
import type { RunStarter } from '../runStarter';
import { dispatchEvent, type DispatchDeps } from './dispatchEvent';
import { sweepLifecycle } from './lifecycleSweep';
import { createRunListening } from './runListening';

export type DispatcherDeps = {
  db: Db;
  runs: RunStarter;
  timeScale: number;
  now?: () => Date;
  /** Events read per query. */
  batchSize?: number;
  /** Replaces the structured log for the dispatcher's warnings (tests pass a no-op). */
  log?: (message: string) => void;
  /** How often `start()` also runs the lifecycle sweep (segment windows, inactivity); default 5 s. */
  lifecycleSweepMs?: number;
  /** How many customers' events are dispatched at once (each customer's still one after another); default 16. */
  concurrency?: number;
  /** How long the dispatch lease lasts unrenewed: a process that dies holding it is replaced after this; default 10 s. */
  leaseMs?: number;
  /** This dispatcher's name in the lease row; default one per dispatcher (process id and a random part). */
  holder?: string;
};

/** After this many failures in a row the dispatcher stops until the next pass: Temporal is probably down. */
const MAX_FAILURES_IN_ROW = 3;
/** Events read ahead and waiting in customers' lanes at most; the rest stay in the table until lanes drain. */
const MAX_QUEUED = 2_000;

/**
 * Hands stored events to journeys as soon as they are stored: `kick()` after a commit reads the new events and puts each
 * in its customer's lane; up to `concurrency` lanes dispatch at once, each customer's events one after another in
 * stored order, and a lane that finishes takes the next waiting customer at once (no batch waits for its slowest
 * customer). A failure holds back that customer's later events until the next pass. A pass re-reads from the oldest
 * undispatched event: on the first kick after the dispatcher went idle, and every `intervalMs` of `start()` (the
 * sweep: it finds what an earlier pass left after a Temporal outage, or what another process stored) — so nothing
 * is lost and each event is dispatched once by this process.
 *
 * Any number of API processes may share the database, but one dispatches at a time: the holder of the `dispatch`
 * lease, renewed on every pass. Two processes dispatching side by side would break each customer's order (the later
 * event signalled before the earlier one started the run it must reach, which then never sees it) and re-entry
 * cooldowns; the others stand by, storing events, and take the lease over when its holder stops (released at once)
 * or dies (after `leaseMs`). A holder whose lease runs short without renewal (a stalled process) stops starting new
 * dispatches before it lapses; a signal repeated in the handover is harmless (a run ignores an event id it has seen)
 * and a start is keyed by the event, so it is never doubled.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const dispatchDeps: DispatchDeps = { db: deps.db, runs: deps.runs, timeScale: deps.timeScale, now: deps.now ?? (() => new Date()), listening: createRunListening(deps.db) };
  const batchSize = deps.batchSize ?? 200;
  const concurrency = deps.concurrency ?? 16;
  const log = (message: string, fields: Record<string, unknown> = {}) => (deps.log ? deps.log(message) : apiLog.warn(fields, message));
  const holder = deps.holder ?? `dispatch-${process.pid}-${randomUUID().slice(0, 8)}`;
  const lease = createLease({
    db: deps.db,
    name: 'dispatch',
    holder,
    ttlMs: deps.leaseMs ?? 10_000,
    onError: (error) => log(`the dispatch lease could not be renewed (will retry): ${String(error)}`),
    onTaken: () => apiLog.info({ holder }, 'this process dispatches events now (it took the dispatch lease)'),
  });

  const lanes = new Map<string | null, StoredEvent[]>(); // customer → events read, not yet dispatched, in stored order
  const waiting: (string | null)[] = []; // customers with a lane and no dispatch running, first come first served
  const busy = new Set<string | null>(); // customers whose lane is dispatching
  const queued = new Set<string>(); // ids read and not yet settled: never read twice while in a lane
  let heldBack = new Set<string | null>();
  let failuresInRow = 0;
  let gaveUp = false;
  let position: EventPosition | null = null; // where reading stopped; null: from the oldest undispatched event
  let unread = false; // reading stopped at MAX_QUEUED (or gave up) with events perhaps left
  let failedSinceRead = false;
  let kickedWhileBusy = false;
  let triggers: ReadonlySet<string> = new Set();
  let dispatched = 0;
  const toMark: string[] = []; // dispatched, marked in the table by the next flush (one transaction for all)
  let flushScheduled = false;
  let flushing: Promise<void> = Promise.resolve(); // the flushes asked for, one after another; settles with the last
  const idleWaiters: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  let pollTimer: NodeJS.Timeout | undefined;

  let reading: Promise<void> = Promise.resolve();
  let readsPending = 0; // reads queued behind `reading` or running
  const sweeps = new Set<Promise<void>>(); // lifecycle sweeps in progress

  const isIdle = () => busy.size === 0 && waiting.length === 0;

  /**
   * Runs `work` (a read) after the reads before it: a read awaits the database between pages, and two side by side
   * would move `position` past each other.
   */
  function oneReadAtATime(work: () => Promise<void>): Promise<void> {
    readsPending += 1;
    const done = reading.then(work).finally(() => (readsPending -= 1));
    reading = done.catch(() => undefined);
    return done;
  }

  /** Reads undispatched events from `position` on into the lanes, until none are left or MAX_QUEUED are waiting. */
  function read(): Promise<void> {
    return oneReadAtATime(readPages);
  }

  async function readPages(): Promise<void> {
    if (!(await lease.held())) return;
    triggers = await liveTriggerNames(deps.db);
    unread = false;
    // On Postgres writers commit side by side, in any order: an event may commit after a later-sorting one was read,
    // behind `position`. Each read there starts again from the oldest undispatched event (those in lanes are skipped),
    // its pages over one snapshot, so a customer's event is never read before an earlier one of theirs.
    if (deps.db.dialect === 'postgres') position = null;
    await inOneSnapshot(deps.db, readFromPosition);
  }

  async function readFromPosition(): Promise<void> {
    while (!gaveUp) {
      if (queued.size >= MAX_QUEUED) {
        unread = true;
        return;
      }
      const page = await undispatchedEventsAfter(deps.db, position, batchSize);
      for (const event of page) {
        if (queued.has(event.id) || heldBack.has(event.customerId)) continue;
        queued.add(event.id);
        const lane = lanes.get(event.customerId);
        if (lane) lane.push(event);
        else {
          lanes.set(event.customerId, [event]);
          if (!busy.has(event.customerId)) waiting.push(event.customerId);
        }
      }
      const last = page.at(-1);
      if (last) position = { receivedAt: last.receivedAt, id: last.id };
      if (page.length < batchSize) return;
    }
  }

  /** A fresh pass: failures forgiven, read again from the oldest undispatched event. */
  async function pass(): Promise<void> {
    await oneReadAtATime(async () => {
      heldBack = new Set();
      failuresInRow = 0;
      gaveUp = false;
      failedSinceRead = false;
      kickedWhileBusy = false;
      position = null;
      await readPages();
    });
    await pump();
  }

  /** Drops a customer's lane: its events stay undispatched in the table for a later pass. */
  function dropLane(customerId: string | null): void {
    for (const event of lanes.get(customerId) ?? []) queued.delete(event.id);
    lanes.delete(customerId);
  }

  async function dispatchOne(event: StoredEvent): Promise<boolean> {
    try {
      await dispatchEvent(dispatchDeps, event, triggers);
      toMark.push(event.id);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(() => void flushMarks());
      }
      failuresInRow = 0;
      return true;
    } catch (error) {
      queued.delete(event.id); // held back: a later pass reads it again
      failuresInRow += 1;
      failedSinceRead = true;
      heldBack.add(event.customerId);
      const message = error instanceof Error ? error.message : String(error);
      await recordDispatchError(deps.db, event.id, message);
      log(`dispatch of event ${event.id} failed (will retry): ${message}`, { eventId: event.id, customerId: event.customerId });
      if (failuresInRow >= MAX_FAILURES_IN_ROW) gaveUp = true;
      return false;
    }
  }

  /**
   * Marks what lanes dispatched since the last flush, in one transaction; only then may a read take those events up
   * again (they stay in `queued` until marked). A mark lost to a crash means a second dispatch after the restart,
   * which changes nothing: a run ignores an event id it has seen, and a start is keyed by the event.
   *
   * Flushes run one after another, and the promise returned settles once every flush asked for so far has: a flush
   * takes the ids waiting as it starts, so one started earlier (by setImmediate) may still be writing ids that a
   * later call finds gone from `toMark` — awaiting only the later one would call the dispatcher idle too soon.
   */
  function flushMarks(): Promise<void> {
    flushing = flushing.then(flushNow).catch((error: unknown) => log(`dispatcher flush failed: ${String(error)}`));
    return flushing;
  }

  async function flushNow(): Promise<void> {
    flushScheduled = false;
    if (toMark.length === 0) return;
    const ids = toMark.splice(0);
    try {
      await markEventsDispatched(deps.db, ids, dispatchDeps.now().toISOString());
      dispatched += ids.length;
      eventsDispatched.inc({}, ids.length);
    } catch (error) {
      log(`${ids.length} dispatched events could not be marked (a later pass dispatches them again, harmlessly): ${String(error)}`);
    } finally {
      // A read in flight may have begun before the marks committed (on Postgres it runs beside them) and still answer
      // these events as undispatched: they stay in `queued`, so skipped, until it has ended.
      await reading;
      for (const id of ids) queued.delete(id);
    }
  }

  /** Works one customer's lane until it is empty, then hands the slot on. */
  async function runLane(customerId: string | null): Promise<void> {
    for (;;) {
      const event = lanes.get(customerId)?.shift();
      if (!event) break;
      if (gaveUp || heldBack.has(customerId) || !(await lease.held()) || !(await dispatchOne(event))) {
        queued.delete(event.id);
        dropLane(customerId);
        break;
      }
    }
    if (lanes.get(customerId)?.length === 0) lanes.delete(customerId);
    busy.delete(customerId);
    if (unread && !gaveUp && queued.size < MAX_QUEUED / 2) await read();
    await pump();
  }

  /** Starts lanes up to `concurrency`; when the last one ends, a kick that came after a failure starts a new pass. */
  async function pump(): Promise<void> {
    while (busy.size < concurrency && waiting.length > 0 && !gaveUp) {
      const customerId = waiting.shift() as string | null;
      busy.add(customerId);
      void runLane(customerId).catch((error: unknown) => log(`dispatcher lane failed: ${String(error)}`));
    }
    if (gaveUp) for (const customerId of waiting.splice(0)) dropLane(customerId);
    if (!isIdle()) return;
    await flushMarks(); // idle means every dispatched event is marked too: after any flush still writing, as well
    if (!isIdle()) return; // lanes started meanwhile: the last of them to end comes back here
    if (kickedWhileBusy && failedSinceRead) return pass(); // as a new pass would have: retry what failed, once per kick
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  /**
   * Background work never throws into its caller: from a timer an exception would end the process, and from a request
   * (a kick after ingest committed) it would fail an answer whose events are stored. What failed is read again later.
   */
  function guarded(work: () => Promise<void>): void {
    void work().catch((error: unknown) => log(`dispatcher pass failed (the next one reads again): ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Dispatches what was stored since the last read, at once, in the background (never blocks the caller). */
  function kick(): void {
    guarded(async () => {
      if (isIdle()) return pass();
      kickedWhileBusy = true;
      if (!gaveUp) await read();
      await pump();
    });
  }

  /** While leading and idle: what was stored after where reading stopped (failures stay held back until the pass). */
  async function poll(): Promise<void> {
    if (!isIdle() || gaveUp || !lease.isMine()) return;
    await read();
    await pump();
  }

  /**
   * Resolves when no read or lane is in progress and every event dispatched is marked (no flush is still writing). A
   * read started by a kick counts: until it has filled the lanes they look idle, and on a networked database (Postgres)
   * it spans round trips, so a caller that kicked and then waited for idle would otherwise return before dispatching.
   */
  async function idle(): Promise<void> {
    for (;;) {
      await reading;
      while (!isIdle()) await new Promise<void>((resolve) => idleWaiters.push(resolve));
      await flushMarks();
      if (isIdle() && readsPending === 0) return;
    }
  }

  /** The lifecycle sweep; whatever it emitted (stage/segment events) is dispatched at once. */
  function sweep(): Promise<void> {
    const run = (async () => {
      try {
        const { rechecked, moved } = await sweepLifecycle(deps.db, dispatchDeps.now());
        if (rechecked + moved > 0) kick();
      } catch (error) {
        log(`lifecycle sweep failed (will retry): ${String(error)}`);
      }
    })();
    sweeps.add(run);
    void run.finally(() => sweeps.delete(run));
    return run;
  }

  /**
   * Timer ticks add work only when the last is done: a pass or poll while a read is queued or running (waiting for
   * the database, which a transaction may hold) would only queue more of the same behind it, and a sweep while one is
   * in progress would run twice. The read in progress reads what the skipped tick would have; the next tick retries.
   */
  const passTick = () => {
    if (readsPending === 0) guarded(pass);
  };
  const pollTick = () => {
    if (readsPending === 0) guarded(poll);
  };
  const sweepTick = () => {
    if (sweeps.size === 0) void sweep();
  };

  /** Until no sweep, read, lane or mark of this dispatcher is in progress (what they start is waited for too). */
  async function settled(): Promise<void> {
    for (;;) {
      await Promise.all(sweeps);
      await reading;
      await idle();
      if (sweeps.size === 0 && readsPending === 0 && isIdle()) return;
    }
  }

  return {
    /** A pass over every undispatched event, awaited; returns how many this process dispatched meanwhile. */
    async dispatchPending(): Promise<number> {
      const before = dispatched;
      await idle();
      await pass();
      await idle();
      return dispatched - before;
    },
    kick,
    idle,
    /**
     * Re-reads every undispatched event every `intervalMs` (the safety net behind `kick`) until stopped; while this
     * process holds the lease it also reads new events every `pollMs`, so events other API processes stored (their
     * kick reaches only themselves) wait a fraction of a second, not a whole pass.
     */
    start(intervalMs = 1_000, pollMs = 250): void {
      timer ??= setInterval(passTick, intervalMs);
      timer.unref();
      pollTimer ??= setInterval(pollTick, pollMs);
      pollTimer.unref();
      sweepTimer ??= setInterval(sweepTick, deps.lifecycleSweepMs ?? 5_000);
      sweepTimer.unref();
    },
    sweep,
    /**
     * Stops the timers and resolves once the work in progress has ended (a sweep, a read, the lanes, the marks), so the
     * database may be closed after it; then gives the lease up. A kick or `dispatchPending` still works afterwards.
     */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      if (sweepTimer) clearInterval(sweepTimer);
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = undefined;
      timer = undefined;
      sweepTimer = undefined;
      await settled();
      await lease.release(); // a standby takes over at once
    },
    /** Whether this process dispatches now (holds the lease) or stands by. */
    role(): 'dispatching' | 'standby' {
      return lease.isMine() ? 'dispatching' : 'standby';
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
