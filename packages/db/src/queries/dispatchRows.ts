import { sql } from 'drizzle-orm';
import type { RawStatement } from '../access/rawStatement';
import type { Db } from '../client';
import { preparedPerDb } from '../preparedPerDb';
import type { StoredEvent } from './events';

/** The dispatcher's per-event queries, prepared once per database: it runs them for every stored event. */
const statements = preparedPerDb((db: Db) => {
  const sql = (text: string): RawStatement => db.prepare(text);
  return {
    liveTriggerNames: sql(`select distinct v.trigger_event from journeys j join journey_versions v on v.id = j.live_version_id where j.status = 'live'`).pluck(),
    activeRunIds: sql(`select workflow_id from runs where customer_id = ? and status in ('running', 'waiting')`).pluck(),
    activeRuns: sql(
      `select r.workflow_id as workflowId, r.journey_id as journeyId, r.version_id as versionId, j.live_version_id as liveVersionId
         from runs r left join journeys j on j.id = r.journey_id
        where r.customer_id = ? and r.status in ('running', 'waiting')`,
    ),
    // Over the events_undispatched index (dispatched_at, received_at): the backlog and its oldest, without a scan.
    backlog: sql(`select count(*) as waiting, min(received_at) as oldest from events where dispatched_at is null`),
    markDispatched: sql(`update events set dispatched_at = ?, dispatch_error = null where id = ? and dispatched_at is null`),
    // Keyset paging from a position on, over the events_undispatched index (dispatched_at, received_at).
    undispatchedAfter: sql(
      `select id, message_id, write_key_id, type, name, customer_id, anonymous_id, properties, traits, context, timestamp, received_at, dispatched_at, dispatch_error
         from events where dispatched_at is null and (received_at > ? or (received_at = ? and id > ?))
        order by received_at, id limit ?`,
    ),
  };
});

/** Event names some live journey starts on, read once per dispatch pass. */
export async function liveTriggerNames(db: Db): Promise<Set<string>> {
  return new Set(await statements(db).liveTriggerNames.all<string>());
}

/** Workflow ids of the customer's runs that may still be listening for events (or be cancelled with them). */
export async function activeRunIdsOfCustomer(db: Db, customerId: string): Promise<string[]> {
  return await statements(db).activeRunIds.all<string>(customerId);
}

/** A run that may still listen for events, with the version it is on and its journey's live version (null: none). */
export type ActiveRun = { workflowId: string; journeyId: string; versionId: string; liveVersionId: string | null };

/**
 * The customer's runs that may still be listening for events, each with its version and the journey's live one: a
 * run being migrated (a `journeyMigrate` signal sent, its row not yet moved) can already use the live version's events.
 */
export async function activeRunsOfCustomer(db: Db, customerId: string): Promise<ActiveRun[]> {
  return await statements(db).activeRuns.all<ActiveRun>(customerId);
}

/**
 * Marks events as seen by journeys (once: a second mark keeps the first time), many in one transaction: one commit
 * for all of them, where a mark per event paid a commit each (13% of the API's CPU under a stream of events nobody's
 * journey waits on, measured with `--cpu-prof`).
 */
export async function markEventsDispatched(db: Db, ids: readonly string[], at: string = new Date().toISOString()): Promise<void> {
  const mark = statements(db).markDispatched;
  await db.transaction(async () => {
    for (const id of ids) await mark.run(at, id);
  });
}

/** Events stored and not yet dispatched to journeys, and when the oldest of them was stored (null when none wait). */
export async function dispatchBacklog(db: Db): Promise<{ waiting: number; oldestReceivedAt: string | null }> {
  const row = (await statements(db).backlog.get()) as { waiting: number; oldest: string | null };
  return { waiting: row.waiting, oldestReceivedAt: row.oldest };
}

/**
 * Runs `read` (queries only) over one snapshot of the events. On Postgres each statement of READ COMMITTED sees what
 * committed before it began, and concurrent writers commit in any order: pages read one after another could find a
 * customer's later event without the earlier one that committed between them. REPEATABLE READ gives the pages one
 * snapshot, in which a customer's events committed in order show as a prefix. SQLite's one writer commits in order.
 */
export async function inOneSnapshot<T>(db: Db, read: () => Promise<T>): Promise<T> {
  // Inside a caller's transaction the isolation is the caller's (it can no longer be set): its reads as they are.
  if (db.dialect !== 'postgres' || db.inTransaction()) return await read();
  return await db.transaction(async () => {
    await db.run(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    return await read();
  });
}

/** Where a read of undispatched events stopped: the last event read, in (received_at, id) order. */
export type EventPosition = { receivedAt: string; id: string };

type EventRow = {
  id: string;
  message_id: string;
  write_key_id: string | null;
  type: StoredEvent['type'];
  name: string | null;
  customer_id: string | null;
  anonymous_id: string | null;
  properties: string;
  traits: string | null;
  context: string | null;
  timestamp: string;
  received_at: string;
  dispatched_at: string | null;
  dispatch_error: string | null;
};

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/** Undispatched events after `from` (from the oldest when null), oldest first, at most `limit`. */
export async function undispatchedEventsAfter(db: Db, from: EventPosition | null, limit: number): Promise<StoredEvent[]> {
  const rows = await statements(db).undispatchedAfter.all<EventRow>(from?.receivedAt ?? '', from?.receivedAt ?? '', from?.id ?? '', limit);
  return rows.map((row) => ({
    id: row.id,
    messageId: row.message_id,
    writeKeyId: row.write_key_id,
    type: row.type,
    name: row.name,
    customerId: row.customer_id,
    anonymousId: row.anonymous_id,
    properties: json<Record<string, unknown>>(row.properties) ?? {},
    traits: json<Record<string, unknown>>(row.traits),
    context: json<Record<string, unknown>>(row.context),
    timestamp: row.timestamp,
    receivedAt: row.received_at,
    dispatchedAt: row.dispatched_at,
    dispatchError: row.dispatch_error,
  }));
}
