import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Where a suppression came from. */
export const suppressionSources = ['smtp_hard', 'smtp_soft', 'bounce_webhook', 'complaint', 'admin'] as const;
export type SuppressionSource = (typeof suppressionSources)[number];

/** An address no journey emails again (one active row per lower-cased address; a removal keeps the row). */
export const suppressions = sqliteTable('suppressions', {
  id: text('id').primaryKey(),
  address: text('address').notNull(),
  /** Why, in words: the SMTP reply, the provider's diagnostic, or what the admin wrote. */
  reason: text('reason').notNull(),
  source: text('source', { enum: suppressionSources }).notNull(),
  /** More context: the delivery, the notice id, the soft failures that added up. */
  detail: text('detail'),
  createdAt: text('created_at').notNull().default(now),
  /** `system` for SMTP replies, `webhook` for notices, else the admin's actor name. */
  createdBy: text('created_by').notNull(),
  removedAt: text('removed_at'),
  removedBy: text('removed_by'),
});
export type Suppression = typeof suppressions.$inferSelect;

/** Soft failures of an address since its last successful delivery, one per delivery or notice. */
export const softBounces = sqliteTable(
  'soft_bounces',
  {
    address: text('address').notNull(),
    key: text('key').notNull(),
    reason: text('reason').notNull(),
    at: text('at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.address, t.key] })],
);

/** Bounce and complaint notices taken by the webhook, by provider id (so a notice sent twice counts once). */
export const bounceNotices = sqliteTable('bounce_notices', {
  key: text('key').primaryKey(),
  kind: text('kind').notNull(),
  address: text('address').notNull(),
  receivedAt: text('received_at').notNull().default(now),
});

/** One row (id `default`): how many soft failures in a row suppress an address. */
export const suppressionSettings = sqliteTable('suppression_settings', {
  id: text('id').primaryKey(),
  softBounceThreshold: integer('soft_bounce_threshold').notNull().default(3),
  updatedAt: text('updated_at').notNull().default(now),
});
