import { asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { events } from '../schema';

export type StoredEvent = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;

/**
 * Stores an event unless one with the same messageId exists (de-duplication).
 * Returns the stored event and whether this call inserted it.
 */
export function insertEvent(db: Db, event: NewEvent): { event: StoredEvent; inserted: boolean } {
  const inserted = db.insert(events).values(event).onConflictDoNothing({ target: events.messageId }).returning().get();
  if (inserted) return { event: inserted, inserted: true };
  const existing = db.select().from(events).where(eq(events.messageId, event.messageId)).get();
  if (!existing) throw new Error(`event ${event.messageId} neither inserted nor found`);
  return { event: existing, inserted: false };
}

/** The event, or undefined. */
export function getEvent(db: Db, id: string): StoredEvent | undefined {
  return db.select().from(events).where(eq(events.id, id)).get();
}

/** Events journeys have not seen yet, oldest first. */
export function listUndispatchedEvents(db: Db, limit: number): StoredEvent[] {
  return db.select().from(events).where(isNull(events.dispatchedAt)).orderBy(asc(events.receivedAt), asc(events.id)).limit(limit).all();
}

/** Records why dispatching failed; the event stays undispatched so a later sweep retries it. */
export function recordDispatchError(db: Db, id: string, error: string): void {
  db.update(events).set({ dispatchError: error.slice(0, 2000) }).where(eq(events.id, id)).run();
}
