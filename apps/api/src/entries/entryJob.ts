import { randomUUID } from 'node:crypto';
import { deleteEntryDue, dueEntries, getCustomer, getWorkspaceTimeZone, isSegmentMember, setEntryDue, storeEntryDueEvent, takeSweepLock, unscheduledSegmentMembers, type Db, type EntryScheduleRow } from '@lifecycle/db';
import { ENTRY_DUE } from '@lifecycle/journey';
import { SWEEP_LEASE_MS } from '../dispatch/lease';
import { liveEntryJourneys, type EntryJourney } from './entryJourneys';
import { entryReason, nextOccurrenceFor } from './occurrence';

/** One holder id per process: API processes sharing a database take turns through the `entries` lock row. */
const holder = `entries-${process.pid}-${randomUUID().slice(0, 8)}`;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export type EntryTick = { entered: number; rescheduled: number; dropped: number; caughtUp: number };

/** Segment members who joined after the journey was scheduled get their next occurrence (any path: sweep, worker). */
async function catchUpSegments(db: Db, journeys: Map<string, EntryJourney>, workspaceZone: string, nowMs: number, limit: number): Promise<number> {
  let caughtUp = 0;
  for (const journey of journeys.values()) {
    if (journey.entry.kind !== 'schedule' || journey.entry.segmentId === undefined) continue;
    for (const customer of await unscheduledSegmentMembers(db, journey.journeyId, journey.entry.segmentId, limit)) {
      const { dueMs } = nextOccurrenceFor(journey.entry, customer.traits, workspaceZone, nowMs);
      await setEntryDue(db, { journeyId: journey.journeyId, customerId: customer.id, versionId: journey.versionId, dueAt: iso(dueMs), occurrence: iso(dueMs) });
      caughtUp += 1;
    }
  }
  return caughtUp;
}

type Outcome = 'entered' | 'rescheduled' | 'dropped';

/** One due row: checked against the customer as they are now, entered, and moved to its next occurrence. */
async function handleDue(db: Db, row: EntryScheduleRow, journey: EntryJourney | undefined, workspaceZone: string, now: Date): Promise<Outcome> {
  const customer = await getCustomer(db, row.customerId);
  // Not live any more (paused, unpublished, archived, or the customer is gone): the row goes, nobody enters.
  if (!journey || !customer) {
    await deleteEntryDue(db, row.journeyId, row.customerId);
    return 'dropped';
  }
  const set = async (dueMs: number | null) => await setEntryDue(db, { journeyId: journey.journeyId, customerId: customer.id, versionId: journey.versionId, dueAt: iso(dueMs), occurrence: iso(dueMs) });
  const dueMs = Date.parse(row.dueAt!);
  // The row may be stale (a trait or zone changed where no hook saw it, e.g. a journey's update_customer step):
  // the occurrence is recomputed from the customer as they are now, and only an unchanged one enters.
  const current = nextOccurrenceFor(journey.entry, customer.traits, workspaceZone, dueMs - 1);
  if (row.versionId !== journey.versionId || current.dueMs !== dueMs) {
    await set(current.dueMs === null ? null : current.dueMs > now.getTime() ? current.dueMs : nextOccurrenceFor(journey.entry, customer.traits, workspaceZone, now.getTime()).dueMs);
    return 'rescheduled';
  }
  const inAudience = journey.entry.kind !== 'schedule' || journey.entry.segmentId === undefined || (await isSegmentMember(db, journey.entry.segmentId, customer.id));
  if (inAudience) {
    await storeEntryDueEvent(db, { name: ENTRY_DUE, journeyId: journey.journeyId, customerId: customer.id, occurrence: row.occurrence ?? row.dueAt!, reason: entryReason(journey.trigger, dueMs, current.zone), at: now });
  }
  // Occurrences missed while nothing ran (the API was down for days) are not entered one by one: the next is after now.
  await set(nextOccurrenceFor(journey.entry, customer.traits, workspaceZone, Math.max(dueMs, now.getTime())).dueMs);
  if (!inAudience) return 'dropped';
  return 'entered';
}

/**
 * The periodic entry job, one process at a time (lease `entries` in `sweep_locks`, like the lifecycle sweep): stores a
 * `journey_entry_due` event for each customer whose occurrence is due by `now` and computes their next one, and gives
 * segment members who joined since their first occurrence. The events wait for the dispatcher (the caller kicks it).
 */
export async function runEntryJob(db: Db, now = new Date(), limit = 500): Promise<EntryTick> {
  const tick: EntryTick = { entered: 0, rescheduled: 0, dropped: 0, caughtUp: 0 };
  if (!(await takeSweepLock(db, 'entries', holder, SWEEP_LEASE_MS, now))) return tick;
  return await db.transaction(async () => {
    await db.lockGuard('entry job'); // a tick outliving its lease waits for the next one's commit (lease.ts)
    const journeys = await liveEntryJourneys(db);
    const workspaceZone = await getWorkspaceTimeZone(db);
    tick.caughtUp = await catchUpSegments(db, journeys, workspaceZone, now.getTime(), limit);
    for (const row of await dueEntries(db, now.toISOString(), limit)) tick[(await handleDue(db, row, journeys.get(row.journeyId), workspaceZone, now))] += 1;
    return tick;
  });
}

/**
 * Runs the job every `intervalMs` and kicks the dispatcher when it stored entries. A tick that comes while a run is
 * still going (waiting for the database, which a transaction may hold) is skipped: runs never pile up. Returns a stop
 * function that resolves once the run in progress, if any, has ended (the database may be closed after it).
 */
export function startEntryJob(deps: { db: Db; kick: () => void; now?: () => Date; log?: (message: string) => void }, intervalMs = 5_000): () => Promise<void> {
  let running: Promise<void> | undefined;
  const runOnce = async () => {
    try {
      if ((await runEntryJob(deps.db, deps.now?.() ?? new Date())).entered > 0) deps.kick();
    } catch (error) {
      deps.log?.(`entry job failed (will retry): ${String(error)}`);
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = runOnce().finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
