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

/** Each run's first pass through each arm of a random split (migration 0030, kept by triggers on run_steps). */
export const experimentArmRuns = sqliteTable(
  'experiment_arm_runs',
  {
    workflowId: text('workflow_id').notNull(),
    nodeId: text('node_id').notNull(),
    arm: text('arm').notNull(),
    journeyId: text('journey_id').notNull(),
    customerId: text('customer_id').notNull(),
    day: text('day').notNull(),
    converted: integer('converted').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.nodeId, t.arm] }), index('experiment_arm_runs_customer').on(t.customerId)],
);

/** Runs that took each arm, per filter key (journeysFilterKey.ts) and day of the pass, and how many of them converted. */
export const experimentArmDays = sqliteTable(
  'experiment_arm_days',
  {
    filterKey: text('filter_key').notNull(),
    journeyId: text('journey_id').notNull(),
    nodeId: text('node_id').notNull(),
    day: text('day').notNull(),
    arm: text('arm').notNull(),
    entered: integer('entered').notNull().default(0),
    converted: integer('converted').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.filterKey, t.journeyId, t.nodeId, t.day, t.arm] })],
);
