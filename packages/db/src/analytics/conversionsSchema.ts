import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row per run that reached its journey's goal: the fact journey, experiment and control-group figures count.
 * Written when a run ends `converted`; the journeys analytics may also add runs whose goal came later within the
 * conversion window (after the run had already ended).
 */
export const runConversions = sqliteTable(
  'run_conversions',
  {
    workflowId: text('workflow_id').primaryKey(),
    journeyId: text('journey_id').notNull(),
    versionId: text('version_id').notNull(),
    customerId: text('customer_id').notNull(),
    startedAt: text('started_at').notNull(),
    convertedAt: text('converted_at').notNull(),
  },
  (t) => [index('run_conversions_journey').on(t.journeyId, t.convertedAt), index('run_conversions_customer').on(t.customerId)],
);
