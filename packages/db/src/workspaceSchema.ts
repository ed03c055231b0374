import { sql } from 'drizzle-orm';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Settings of the whole workspace (one row, id `default`). */
export const workspaceSettings = sqliteTable('workspace_settings', {
  id: text('id').primaryKey(),
  /** The IANA zone customers without a valid `timezone` trait live in: local-time waits and schedules read it. */
  timeZone: text('time_zone').notNull().default('UTC'),
  updatedAt: text('updated_at').notNull().default(now),
});
