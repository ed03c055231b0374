import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { deliveries, journeys } from './schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** The workspace's send policy (one row, id `default`): a SendPolicy as JSON. */
export const sendPolicies = sqliteTable('send_policies', {
  id: text('id').primaryKey(),
  policy: text('policy', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});

/** A journey's override of the workspace's send policy (a JourneySendPolicy as JSON); no row: it inherits. */
export const journeySendPolicies = sqliteTable('journey_send_policies', {
  journeyId: text('journey_id')
    .primaryKey()
    .references(() => journeys.id, { onDelete: 'cascade' }),
  policy: text('policy', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});

/** The marketing sends frequency caps count (transactional ones are not here), when each was claimed. */
export const marketingSends = sqliteTable(
  'marketing_sends',
  {
    deliveryId: text('delivery_id')
      .primaryKey()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    claimedAtMs: integer('claimed_at_ms').notNull(),
  },
  (t) => [index('marketing_sends_customer').on(t.customerId, t.claimedAtMs)],
);
