import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Migration 0029 creates these and the triggers that keep them current. A scope is (segment_id, channel), '' meaning
// "any": every customer's rows count in ('', ''), ('', their first-touch channel), and (segment, '') and
// (segment, channel) for each segment they are in now, so a filtered figure reads its own scope's few thousand rows.

/** Revenue and orders per scope, day (by the events' own timestamps) and currency ('' = base currency). */
export const revenueScopeDays = sqliteTable(
  'revenue_scope_days',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    day: text('day').notNull(),
    currency: text('currency').notNull(),
    amount: real('amount').notNull(),
    orders: integer('orders').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.day, t.currency] })],
);

/**
 * Paying customers (base currency) per scope as cells: `customers` paid on `day` and, before it, last on `prev_day`
 * ('' when `day` was their first). Those who paid in [a, b) are the cells with a ≤ day < b and prev_day < a.
 */
export const revenueScopePayers = sqliteTable(
  'revenue_scope_payers',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    day: text('day').notNull(),
    prevDay: text('prev_day').notNull(),
    customers: integer('customers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.day, t.prevDay] })],
);

/** Customers first seen per scope and day (UTC date of customer_facts.first_seen_at). */
export const customerScopeFirstSeen = sqliteTable(
  'customer_scope_first_seen',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    day: text('day').notNull(),
    customers: integer('customers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.day] })],
);
