import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A customer's revenue to date (historical CLV) in the base currency, kept current per revenue event. Customers
 * with no revenue have no row: their CLV is 0.
 */
export const customerValue = sqliteTable(
  'customer_value',
  {
    customerId: text('customer_id').primaryKey(),
    revenue: real('revenue').notNull(),
    orders: integer('orders').notNull(),
    firstPurchaseAt: text('first_purchase_at').notNull(),
    lastPurchaseAt: text('last_purchase_at').notNull(),
  },
  // The second index (migration 0040) is the customers list's CLV order: revenue highest first, ties by id ascending.
  (t) => [index('customer_value_revenue').on(t.revenue, t.customerId), index('customer_value_clv_order').on(sql`${t.revenue} DESC`, t.customerId)],
);

/**
 * Revenue per customer per day (by the event's own timestamp) and currency: `currency` is '' for amounts in the base
 * currency (converted by the rate table when the event was stored), else the ISO code of an amount that had no rate
 * and is reported apart, never added.
 */
export const customerRevenueDaily = sqliteTable(
  'customer_revenue_daily',
  {
    customerId: text('customer_id').notNull(),
    day: text('day').notNull(),
    currency: text('currency').notNull(),
    amount: real('amount').notNull(),
    orders: integer('orders').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.day, t.currency] }), index('customer_revenue_daily_day').on(t.day, t.currency, t.customerId, t.amount, t.orders)],
);

/** Acquisition spend an admin or marketer entered: one amount per month (`YYYY-MM`) and channel. */
export const acquisitionSpend = sqliteTable(
  'acquisition_spend',
  {
    month: text('month').notNull(),
    channel: text('channel').notNull(),
    amount: real('amount').notNull(),
    currency: text('currency').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.channel] })],
);
