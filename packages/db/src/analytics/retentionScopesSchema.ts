import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * What each customer adds to the retention counters (migration 0046): 'growth' (a = period, b = kind), 'cohort'
 * (a = first-seen cohort, b = ''), 'active' (a = first-seen cohort, b = active period); weeks and months.
 */
export const retentionMarks = sqliteTable(
  'retention_marks',
  {
    customerId: text('customer_id').notNull(),
    figure: text('figure', { enum: ['growth', 'cohort', 'active'] }).notNull(),
    interval: text('interval', { enum: ['week', 'month'] }).notNull(),
    a: text('a').notNull(),
    b: text('b').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.figure, t.interval, t.a, t.b] })],
);

/** The marks counted per filter scope ('' = any; the unfiltered scope lives in growth_counts and the cohort counters). */
export const retentionScopeCounts = sqliteTable(
  'retention_scope_counts',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    figure: text('figure', { enum: ['growth', 'cohort', 'active'] }).notNull(),
    interval: text('interval', { enum: ['week', 'month'] }).notNull(),
    a: text('a').notNull(),
    b: text('b').notNull(),
    customers: integer('customers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.figure, t.interval, t.a, t.b] })],
);
