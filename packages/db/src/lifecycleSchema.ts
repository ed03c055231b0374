import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Other ids a customer was known by (`anon:<anonymousId>`, an aliased previousId), pointing at the customer they became. */
export const customerAliases = sqliteTable(
  'customer_aliases',
  {
    aliasId: text('alias_id').primaryKey(),
    customerId: text('customer_id').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('customer_aliases_customer').on(t.customerId)],
);

/** When each customer was last active; the inactivity rule of the stages sweeps it by `last_seen_at`. */
export const customerActivity = sqliteTable(
  'customer_activity',
  {
    customerId: text('customer_id').primaryKey(),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (t) => [index('customer_activity_seen').on(t.lastSeenAt)],
);

/** A saved segment: a SegmentDefinition (packages/journey/src/segments.ts) as JSON. */
export const segments = sqliteTable('segments', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  definition: text('definition', { mode: 'json' }).$type<unknown>().notNull(),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
});

/** Who is in which segment now; kept current per customer as their events arrive. */
export const segmentMemberships = sqliteTable(
  'segment_memberships',
  {
    segmentId: text('segment_id').notNull(),
    customerId: text('customer_id').notNull(),
    enteredAt: text('entered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.customerId] }), index('segment_memberships_customer').on(t.customerId)],
);

/** Customers whose segments must be re-checked at `due_at`: a time window ends, or someone else (the worker) changed them. */
export const segmentRechecks = sqliteTable(
  'segment_rechecks',
  {
    customerId: text('customer_id').primaryKey(),
    dueAt: text('due_at').notNull(),
  },
  (t) => [index('segment_rechecks_due').on(t.dueAt)],
);

/** The business's lifecycle stages and the rules that move customers (one row, id `default`; a LifecycleConfig as JSON). */
export const lifecycleSettings = sqliteTable('lifecycle_settings', {
  id: text('id').primaryKey(),
  config: text('config', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});

/** Every stage change: when, from what, to what and why. */
export const stageHistory = sqliteTable(
  'stage_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: text('customer_id').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    cause: text('cause').notNull(),
    at: text('at').notNull(),
    /** When the customer moved on from `toStage` (the next move's `at`); null while they are still in it (migration 0011). */
    leftAt: text('left_at'),
  },
  (t) => [index('stage_history_customer').on(t.customerId, t.at)],
);

/** Who runs a periodic sweep now; a row per sweep name, taken while `expires_at` is past. */
export const sweepLocks = sqliteTable('sweep_locks', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: text('expires_at').notNull(),
});
