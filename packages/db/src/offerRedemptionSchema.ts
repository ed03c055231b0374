import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Every attempt to redeem an offer code, kept whether it matched or not: a code nobody was given, or one given to
 * someone else, is an answer a marketer wants to see (fraud, typos, an old campaign), never an ingest failure.
 */
export const offerRedemptions = sqliteTable(
  'offer_redemptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    /** The offer the code belongs to, when one was found (or named by the event). */
    offerId: text('offer_id'),
    /** Who tried to redeem it. */
    customerId: text('customer_id'),
    /** The `offer_redeemed` event, when it came from ingest: one attempt per event. */
    eventId: text('event_id'),
    outcome: text('outcome', { enum: ['redeemed', 'already_redeemed', 'unknown_code', 'not_issued', 'other_customer'] }).notNull(),
    at: text('at').notNull(),
  },
  (t) => [uniqueIndex('offer_redemptions_event').on(t.eventId), index('offer_redemptions_offer').on(t.offerId, t.at)],
);
