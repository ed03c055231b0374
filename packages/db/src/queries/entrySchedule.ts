import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { entrySchedule, type EntryScheduleRow } from '../entrySchema';
import { internalEventId } from './lifecycle';

export * from '../entrySchema';
export * from './entryScheduleAudience';

/** Sets a customer's next occurrence of a journey (null: none further). */
export async function setEntryDue(db: Db, row: EntryScheduleRow): Promise<void> {
  const { dueAt, occurrence, versionId } = row;
  await db.insert(entrySchedule).values(row).onConflictDoUpdate({ target: [entrySchedule.journeyId, entrySchedule.customerId], set: { dueAt, occurrence, versionId } });
}

/** Forgets a customer's row of a journey (they left its audience, or the journey stopped entering). */
export async function deleteEntryDue(db: Db, journeyId: string, customerId: string): Promise<void> {
  await db.delete(entrySchedule).where(and(eq(entrySchedule.journeyId, journeyId), eq(entrySchedule.customerId, customerId)));
}

/** Forgets every row of a journey (before a new version recomputes them, or when it no longer enters on a schedule). */
export async function clearJourneySchedule(db: Db, journeyId: string): Promise<number> {
  return (await db.run(db.delete(entrySchedule).where(eq(entrySchedule.journeyId, journeyId)))).changes;
}

/** A customer's row of a journey, if any. */
export async function entryDueOf(db: Db, journeyId: string, customerId: string): Promise<EntryScheduleRow | undefined> {
  return (await db.select().from(entrySchedule).where(and(eq(entrySchedule.journeyId, journeyId), eq(entrySchedule.customerId, customerId))).limit(1))[0];
}

/** Every row of a journey, those with no occurrence first, then soonest first (tests and the preview). */
export async function journeyEntrySchedule(db: Db, journeyId: string, limit = 100): Promise<EntryScheduleRow[]> {
  // NULLS FIRST: where SQLite puts them; Postgres would put them last.
  return await db.select().from(entrySchedule).where(eq(entrySchedule.journeyId, journeyId)).orderBy(sql`${entrySchedule.dueAt} ASC NULLS FIRST`, asc(entrySchedule.customerId)).limit(limit);
}

/** Rows due by `now` (ISO), soonest first, through the `due_at` index. */
export async function dueEntries(db: Db, now: string, limit: number): Promise<EntryScheduleRow[]> {
  return await db
    .select()
    .from(entrySchedule)
    .where(and(isNotNull(entrySchedule.dueAt), lte(entrySchedule.dueAt, now)))
    .orderBy(asc(entrySchedule.dueAt), asc(entrySchedule.journeyId), asc(entrySchedule.customerId))
    .limit(limit);
}

/**
 * Stores the internal `journey_entry_due` event of one occurrence, dispatched to journeys like `stage_entered`. Its
 * message id names the journey, customer and occurrence, so an occurrence is stored once however often it is tried;
 * its own event id is what `always` re-entry keys runs on. True when it was stored now.
 */
export async function storeEntryDueEvent(db: Db, due: { name: string; journeyId: string; customerId: string; occurrence: string; reason: string; at: Date }): Promise<boolean> {
  const at = due.at.toISOString();
  const properties = JSON.stringify({ journeyId: due.journeyId, occurrence: due.occurrence, reason: due.reason });
  const messageId = `entry:${due.journeyId}:${due.customerId}:${due.occurrence}`;
  return (
    (await db
      .prepare(`INSERT INTO events (id, message_id, type, name, customer_id, properties, timestamp, received_at) VALUES (?, ?, 'internal', ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING`)
      .run(internalEventId(due.at.getTime()), messageId, due.name, due.customerId, properties, at, at)).changes > 0
  );
}

/**
 * Asks the entry job to look at a customer's scheduled and date-trait entries at `now` (their traits changed where
 * the API's ingest hook did not see it: a journey's update_customer step). Every live timed journey gets a row due
 * now; the job recomputes it from the customer as they are then and enters only an occurrence that is really due.
 * A row already due earlier keeps its time, so a due occurrence is never skipped.
 */
export async function requestEntryCheck(db: Db, customerId: string, now: Date, entryEventName: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO entry_schedule (journey_id, customer_id, version_id, due_at, occurrence)
       SELECT j.id, ?, j.live_version_id, ?, NULL FROM journeys j JOIN journey_versions v ON v.id = j.live_version_id
       WHERE j.status = 'live' AND j.archived_at IS NULL AND v.trigger_event = ?
       ON CONFLICT (journey_id, customer_id) DO UPDATE SET due_at = excluded.due_at
       WHERE entry_schedule.due_at IS NULL OR entry_schedule.due_at > excluded.due_at`,
    )
    .run(customerId, now.toISOString(), entryEventName);
}
