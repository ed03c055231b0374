import { sql } from 'drizzle-orm';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** What the analytics count (one row, id `default`; an AnalyticsSettings as JSON). */
export const analyticsSettings = sqliteTable('analytics_settings', {
  id: text('id').primaryKey(),
  config: text('config', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});
