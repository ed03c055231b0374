import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The health score's definition (one row, id `default`): a HealthSettings as JSON; `version` counts saves so the sweep rescores everyone once per save. */
export const healthSettings = sqliteTable('health_settings', {
  id: text('id').primaryKey(),
  config: text('config', { mode: 'json' }).$type<unknown>().notNull(),
  version: integer('version').notNull().default(1),
  /** The version every customer has been rescored with; below `version` the sweep goes on from `rescore_cursor`. */
  rescoredVersion: integer('rescored_version').notNull().default(0),
  rescoreCursor: text('rescore_cursor'),
  updatedAt: text('updated_at').notNull(),
});

/** Each customer's current score and band. */
export const customerHealth = sqliteTable(
  'customer_health',
  { customerId: text('customer_id').primaryKey(), score: integer('score').notNull(), band: text('band').notNull(), computedAt: text('computed_at').notNull() },
  (t) => [index('customer_health_band').on(t.band, t.score)],
);

/** A row each time a customer's score or band changed (`from_band`: the band before, null for the first score). */
export const healthHistory = sqliteTable(
  'health_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: text('customer_id').notNull(),
    score: integer('score').notNull(),
    band: text('band').notNull(),
    fromBand: text('from_band'),
    at: text('at').notNull(),
  },
  (t) => [index('health_history_customer').on(t.customerId, t.at), index('health_history_at').on(t.at)],
);

/** When a customer's score must be recomputed because a window drops an event out (the sweep walks `due_at`). */
export const healthRechecks = sqliteTable('health_rechecks', { customerId: text('customer_id').primaryKey(), dueAt: text('due_at').notNull() }, (t) => [
  index('health_rechecks_due').on(t.dueAt),
]);

/** Each customer's latest NPS answer (from `survey_answered` events of kind `nps`), so scoring never searches their events for it. */
export const healthNps = sqliteTable('health_nps', { customerId: text('customer_id').primaryKey(), score: real('score').notNull(), at: text('at').notNull() });
