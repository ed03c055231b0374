import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Migration 0039 creates these and the triggers that keep them current (retentionFlowsSql.ts says what a row holds).

/** The configured stage roles as the triggers read them: a copy of the settings' customer and churn stages. */
export const retentionStageRoles = sqliteTable('retention_stage_roles', {
  stage: text('stage').primaryKey(),
  customer: integer('customer').notNull(),
  churn: integer('churn').notNull(),
});

/** One customer in one period with something to count: membership flow (−1, 0, 1), a stage churn, an inactivity churn day. */
export const retentionCustomerPeriods = sqliteTable(
  'retention_customer_periods',
  {
    customerId: text('customer_id').notNull(),
    interval: text('interval', { enum: ['day', 'week', 'month'] }).notNull(),
    period: text('period').notNull(),
    flow: integer('flow').notNull(),
    stageChurn: integer('stage_churn').notNull(),
    inactiveDay: text('inactive_day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.interval, t.period] })],
);

/**
 * The flow rows summed per scope (segment_id, channel; '' = any), period and first inactivity churn day ('' = none):
 * customers who joined and departed the customer stages, churned into a churn stage, and all of them (`customers`).
 */
export const retentionScopePeriods = sqliteTable(
  'retention_scope_periods',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    interval: text('interval', { enum: ['day', 'week', 'month'] }).notNull(),
    period: text('period').notNull(),
    inactiveDay: text('inactive_day').notNull(),
    joined: integer('joined').notNull(),
    departed: integer('departed').notNull(),
    stageChurned: integer('stage_churned').notNull(),
    customers: integer('customers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.interval, t.period, t.inactiveDay] })],
);

/** A row stops the per-row triggers while a rebuild recomputes the flows set-based. */
export const retentionFlowsPaused = sqliteTable('retention_flows_paused', { id: integer('id').primaryKey() });
