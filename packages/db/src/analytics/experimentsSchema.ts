import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Who is in the global control group: assigned once, at the first sight of a customer after a share was set, and
 * stored so membership never flips when the share or the salt changes (`share` is the share they were drawn under).
 */
export const globalControl = sqliteTable(
  'global_control',
  {
    customerId: text('customer_id').primaryKey(),
    inControl: integer('in_control', { mode: 'boolean' }).notNull(),
    share: real('share').notNull(),
    assignedAt: text('assigned_at').notNull(),
  },
  (t) => [index('global_control_group').on(t.inControl)],
);

/**
 * One row: the workspace's salt for the control-group hash (so two installs do not hold out the same ids) and how far
 * the sweep has assigned the customers stored before a share was set (a customers rowid).
 */
export const globalControlState = sqliteTable('global_control_state', {
  id: integer('id').primaryKey(),
  salt: text('salt').notNull(),
  customerCursor: integer('customer_cursor').notNull().default(0),
});

/** Revenue per customer per day (base currency, by the event's own day): the control group's revenue comparison. */
export const customerRevenueDays = sqliteTable(
  'customer_revenue_days',
  { day: text('day').notNull(), customerId: text('customer_id').notNull(), revenue: real('revenue').notNull() },
  (t) => [primaryKey({ columns: [t.day, t.customerId] })],
);

/** One row per split whose winner was promoted: the note the version history shows, and the guard that it happens once. */
export const experimentPromotions = sqliteTable(
  'experiment_promotions',
  {
    journeyId: text('journey_id').notNull(),
    nodeId: text('node_id').notNull(),
    fromVersionId: text('from_version_id').notNull(),
    versionId: text('version_id').notNull(),
    armId: text('arm_id').notNull(),
    pValue: real('p_value').notNull(),
    note: text('note').notNull(),
    promotedAt: text('promoted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.nodeId] })],
);
