import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The periods (UTC day, Monday week, month: the start date) in which a customer was *active*: did one of the
 * configured activity events, or any event of their own when none is configured (internal events never count).
 * One row per customer and period, inserted per event, so cohort matrices and the growth lens read this, not events.
 */
export const customerActivePeriods = sqliteTable(
  'customer_active_periods',
  {
    customerId: text('customer_id').notNull(),
    interval: text('interval', { enum: ['day', 'week', 'month'] }).notNull(),
    period: text('period').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.interval, t.period] }), index('customer_active_periods_period').on(t.interval, t.period, t.customerId)],
);

/** When each customer first did each track event (by the event's own time), so "cohort by first purchase" needs no scan. */
export const customerFirstEvents = sqliteTable(
  'customer_first_events',
  {
    customerId: text('customer_id').notNull(),
    event: text('event').notNull(),
    firstAt: text('first_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.event] }), index('customer_first_events_event').on(t.event, t.firstAt)],
);

/**
 * Inactivity churns under the configured `churnInactivityDays` (D): an active day followed by D days without activity
 * churns the customer on day + D. Kept per new active day (only its neighbours change) and rebuilt when D changes, so
 * churn per period is a range read on `churn_day`.
 */
export const customerInactivityChurns = sqliteTable(
  'customer_inactivity_churns',
  {
    customerId: text('customer_id').notNull(),
    lastDay: text('last_day').notNull(),
    churnDay: text('churn_day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.lastDay] }), index('customer_inactivity_churns_day').on(t.churnDay)],
);

/**
 * The first-seen time the cohort counters were last moved to, per customer (customer_facts is updated before the
 * retention rollup sees an event, so this copy is how a backfilled event is seen to move a customer's cohort).
 */
export const cohortMembers = sqliteTable('cohort_members', {
  customerId: text('customer_id').primaryKey(),
  firstSeenAt: text('first_seen_at').notNull(),
});

/** Customers per first-seen cohort (all customers, no filter): the rows of the unfiltered cohort matrix. */
export const cohortSizes = sqliteTable(
  'cohort_sizes',
  {
    interval: text('interval', { enum: ['day', 'week', 'month'] }).notNull(),
    cohort: text('cohort').notNull(),
    customers: integer('customers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.interval, t.cohort] })],
);

/** Customers of each first-seen cohort active in each period: the cells of the unfiltered cohort matrix. */
export const cohortActivity = sqliteTable(
  'cohort_activity',
  {
    interval: text('interval', { enum: ['day', 'week', 'month'] }).notNull(),
    cohort: text('cohort').notNull(),
    period: text('period').notNull(),
    customers: integer('customers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.interval, t.cohort, t.period] })],
);

/**
 * The growth lens of everyone (no filter): customers per period and kind (new, returning, resurrecting, dormant),
 * kept per new active period: inserting one changes only its own class and its neighbours'.
 */
export const growthCounts = sqliteTable(
  'growth_counts',
  {
    interval: text('interval', { enum: ['day', 'week', 'month'] }).notNull(),
    period: text('period').notNull(),
    kind: text('kind', { enum: ['new', 'returning', 'resurrecting', 'dormant'] }).notNull(),
    customers: integer('customers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.interval, t.period, t.kind] })],
);
