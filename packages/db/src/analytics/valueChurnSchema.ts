import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Migration 0040 creates these and the triggers that keep them current (stage moves, segment joins and leaves,
// first-touch channels). They hold no settings: which stages are "customer" and "churn" stages is applied when read.

/**
 * One row per customer and month (`YYYY-MM`) with at least one stage move: the stage they were in when the month
 * began ('' for none) and the distinct stages they moved into during it, joined by U+001F.
 */
export const customerStageMonths = sqliteTable(
  'customer_stage_months',
  {
    customerId: text('customer_id').notNull(),
    month: text('month').notNull(),
    startStage: text('start_stage').notNull(),
    entered: text('entered').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.month] })],
);

/** Those rows counted per filter scope (segment_id, channel; '' = any, as in migration 0029). */
export const valueChurnScopes = sqliteTable(
  'value_churn_scopes',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    month: text('month').notNull(),
    startStage: text('start_stage').notNull(),
    entered: text('entered').notNull(),
    customers: integer('customers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.month, t.startStage, t.entered] })],
);
