import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * What every analytics figure needs to know of a customer, kept current per event: when they were first seen (by the
 * events' own timestamps, so backfilled history moves it back) and their acquisition channel (first touch: the
 * channel of the earliest event that named one).
 */
export const customerFacts = sqliteTable(
  'customer_facts',
  {
    customerId: text('customer_id').primaryKey(),
    firstSeenAt: text('first_seen_at').notNull(),
    channel: text('channel'),
    channelAt: text('channel_at'),
  },
  (t) => [index('customer_facts_first_seen').on(t.firstSeenAt), index('customer_facts_channel').on(t.channel, t.firstSeenAt), index('customer_facts_channel_customer').on(t.channel, t.customerId)],
);
