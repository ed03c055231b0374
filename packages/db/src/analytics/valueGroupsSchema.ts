import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Historical CLV per group and filter scope (migration 0045, kept by its triggers): for each scope (segment_id,
 * channel; '' = any, as in 0029) and group — `kind` 'cohort' (first-seen day `YYYY-MM-DD`), 'stage' (the stage now,
 * '' without one) or 'segment' (a segment id the customers are in now) — how many customers, and their revenue to
 * date (base currency, customer_value) added up.
 */
export const valueGroupRevenue = sqliteTable(
  'value_group_revenue',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    kind: text('kind', { enum: ['cohort', 'stage', 'segment'] }).notNull(),
    groupValue: text('group_value').notNull(),
    customers: integer('customers').notNull(),
    revenue: real('revenue').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.kind, t.groupValue] })],
);
