import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The global control comparison per filter key and group (migration 0043), kept by triggers on customer_revenue_days,
// global_control, customer_facts and segment_memberships. `inControl` is 1 for the held-out group, 0 for treatment.

/** Assigned customers per first-seen day. */
export const globalControlFirstSeen = sqliteTable(
  'global_control_first_seen',
  {
    filterKey: text('filter_key').notNull(),
    inControl: integer('in_control').notNull(),
    day: text('day').notNull(),
    customers: integer('customers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.filterKey, t.inControl, t.day] })],
);

/** Customers who had revenue on `day` after their previous revenue day `prevDay` ('' for none), and that day's revenue. */
export const globalControlRevenueCells = sqliteTable(
  'global_control_revenue_cells',
  {
    filterKey: text('filter_key').notNull(),
    inControl: integer('in_control').notNull(),
    day: text('day').notNull(),
    prevDay: text('prev_day').notNull(),
    customers: integer('customers').notNull(),
    revenue: real('revenue').notNull(),
  },
  (t) => [primaryKey({ columns: [t.filterKey, t.inControl, t.day, t.prevDay] })],
);

/** Σ over customers of revenue(day) × revenue(laterDay), day ≤ laterDay: the per-customer sum of squares of any range. */
export const globalControlRevenueProducts = sqliteTable(
  'global_control_revenue_products',
  {
    filterKey: text('filter_key').notNull(),
    inControl: integer('in_control').notNull(),
    day: text('day').notNull(),
    laterDay: text('later_day').notNull(),
    product: real('product').notNull(),
  },
  (t) => [primaryKey({ columns: [t.filterKey, t.inControl, t.day, t.laterDay] })],
);

/** Customers assigned per group, all time. */
export const globalControlGroups = sqliteTable('global_control_groups', {
  inControl: integer('in_control').primaryKey(),
  customers: integer('customers').notNull(),
});
