import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The health rollups of the Analytics area, keyed by (segment, channel) with '' for "any": ('', '') is everyone,
 * ('', channel) the customers whose first-touch channel it is, (segment, '') the segment's members, (segment, channel)
 * both. Kept equal to their definition by triggers (migration 0041) on `customer_health`, `health_history`,
 * `customers`, `segment_memberships` and `customer_facts`, so they hold whoever writes the scores (the ingest path,
 * the sweep, a settings rescore, a forgotten customer) and however a membership or channel changes.
 */

/** Customers scored and the sum of their current scores, per stage ('' = none) and band. */
export const healthNowKeyed = sqliteTable(
  'health_now_keyed',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    stage: text('stage').notNull(),
    band: text('band').notNull(),
    customers: integer('customers').notNull(),
    scoreTotal: integer('score_total').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.stage, t.band] })],
);

/** Customers scored and the sum of their current scores, per segment they are a member of (the average by segment). */
export const healthMemberKeyed = sqliteTable(
  'health_member_keyed',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    memberOf: text('member_of').notNull(),
    customers: integer('customers').notNull(),
    scoreTotal: integer('score_total').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.memberOf] })],
);

/** Band moves per UTC day, from → to (`fromBand` '' = a first score). */
export const healthMovesKeyed = sqliteTable(
  'health_moves_keyed',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    day: text('day').notNull(),
    fromBand: text('from_band').notNull(),
    toBand: text('to_band').notNull(),
    moves: integer('moves').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.day, t.fromBand, t.toBand] })],
);
