import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Events stored but not yet counted by the analytics (migrations 0048, 0049): ingest adds a row in the event's own
 * transaction, the applier (pendingEvents.ts) counts and deletes it in one transaction with the rollup writes. `customer`
 * is the customer as the event found them (JSON), kept only for events some journey counts as its goal.
 */
export const analyticsPending = sqliteTable(
  'analytics_pending',
  {
    seq: integer('seq').primaryKey(),
    eventId: text('event_id').notNull(),
    queuedAt: text('queued_at').notNull(),
    customer: text('customer'),
  },
  (t) => [uniqueIndex('analytics_pending_event').on(t.eventId)],
);

/** Events the rollup hooks failed on alone, taken off the queue with the error, for an admin to see and requeue. */
export const analyticsSetAside = sqliteTable('analytics_set_aside', {
  eventId: text('event_id').primaryKey(),
  error: text('error').notNull(),
  setAsideAt: text('set_aside_at').notNull(),
});
