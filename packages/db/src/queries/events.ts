import { asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { events } from '../schema';

export type StoredEvent = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;

/**
 * Stores an event unless one with the same messageId exists (de-duplication).
 * Returns the stored event and whether this call inserted it.
 */
export async function insertEvent(db: Db, event: NewEvent): Promise<{ event: StoredEvent; inserted: boolean }> {
  const inserted = (await db.insert(events).values(event).onConflictDoNothing({ target: events.messageId }).returning())[0];
  if (inserted) return { event: inserted, inserted: true };
  const existing = (await db.select().from(events).where(eq(events.messageId, event.messageId)).limit(1))[0];
  if (!existing) throw new Error(`event ${event.messageId} neither inserted nor found`);
  return { event: existing, inserted: false };
}

/** The event, or undefined. */
export async function getEvent(db: Db, id: string): Promise<StoredEvent | undefined> {
  return (await db.select().from(events).where(eq(events.id, id)).limit(1))[0];
}

/** Events journeys have not seen yet, oldest first. */
export async function listUndispatchedEvents(db: Db, limit: number): Promise<StoredEvent[]> {
  return await db.select().from(events).where(isNull(events.dispatchedAt)).orderBy(asc(events.receivedAt), asc(events.id)).limit(limit);
}

/** Records why dispatching failed; the event stays undispatched so a later sweep retries it. */
export async function recordDispatchError(db: Db, id: string, error: string): Promise<void> {
  await db.update(events).set({ dispatchError: error.slice(0, 2000) }).where(eq(events.id, id));
}
