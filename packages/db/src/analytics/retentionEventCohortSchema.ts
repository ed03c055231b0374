import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Customers per event cohort (the week or month they first did `event`), all customers: the rows of "cohort by event". */
export const eventCohortSizes = sqliteTable(
  'event_cohort_sizes',
  {
    event: text('event').notNull(),
    interval: text('interval', { enum: ['week', 'month'] }).notNull(),
    cohort: text('cohort').notNull(),
    customers: integer('customers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.event, t.interval, t.cohort] })],
);

/** Customers of each event cohort active in each period from the cohort's own on: the cells of "cohort by event". */
export const eventCohortActivity = sqliteTable(
  'event_cohort_activity',
  {
    event: text('event').notNull(),
    interval: text('interval', { enum: ['week', 'month'] }).notNull(),
    cohort: text('cohort').notNull(),
    period: text('period').notNull(),
    customers: integer('customers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.event, t.interval, t.cohort, t.period] })],
);
