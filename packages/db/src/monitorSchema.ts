import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Activity attempts that failed, one row per (run, activity invocation), written by the worker as they happen.
 * `resolvedAt` is set when a later attempt succeeds, so an open row with an old `firstFailedAt` is a run stuck retrying.
 */
export const runFailures = sqliteTable(
  'run_failures',
  {
    workflowId: text('workflow_id').notNull(),
    activityId: text('activity_id').notNull(),
    activityType: text('activity_type').notNull(),
    customerId: text('customer_id'),
    attempt: integer('attempt').notNull(),
    error: text('error').notNull(),
    firstFailedAt: text('first_failed_at').notNull(),
    lastFailedAt: text('last_failed_at').notNull(),
    resolvedAt: text('resolved_at'),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.activityId] }), index('run_failures_open').on(t.resolvedAt, t.firstFailedAt)],
);
