import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * When each customer next enters each scheduled or date-trait journey (migration 0023). `dueAt`/`occurrence` are ISO
 * instants, null when the customer has no further occurrence: the row then only says "already looked at".
 */
export const entrySchedule = sqliteTable(
  'entry_schedule',
  {
    journeyId: text('journey_id').notNull(),
    customerId: text('customer_id').notNull(),
    /** The live version the occurrence was computed from; a new version recomputes every row of its journey. */
    versionId: text('version_id').notNull(),
    dueAt: text('due_at'),
    occurrence: text('occurrence'),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.customerId] }), index('entry_schedule_due').on(t.dueAt)],
);

export type EntryScheduleRow = typeof entrySchedule.$inferSelect;
