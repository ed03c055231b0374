import { sql } from 'drizzle-orm';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { journeys } from './schema';

/** How a paused journey treats its runs in flight (one row per paused journey, removed on resume). */
export const journeyPauses = sqliteTable('journey_pauses', {
  journeyId: text('journey_id')
    .primaryKey()
    .references(() => journeys.id, { onDelete: 'cascade' }),
  /** `continue`: runs in flight carry on; `hold`: each stops before its next step until resumed; `stopped`: runs were cancelled. */
  mode: text('mode', { enum: ['continue', 'hold', 'stopped'] }).notNull(),
  pausedBy: text('paused_by').notNull(),
  pausedAt: text('paused_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});
export type JourneyPause = typeof journeyPauses.$inferSelect;
