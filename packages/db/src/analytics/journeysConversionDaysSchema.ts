import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Converted runs and their revenue per filter key, day of entry and version (migration 0038): kept by triggers on
 * journey_conversion_rows, so the summary's totals read a key's days instead of every converted run.
 */
export const journeyConversionDays = sqliteTable(
  'journey_conversion_days',
  {
    filterKey: text('filter_key').notNull(),
    day: text('day').notNull(),
    versionId: text('version_id').notNull(),
    journeyId: text('journey_id').notNull(),
    converted: integer('converted').notNull().default(0),
    revenue: real('revenue').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.filterKey, t.day, t.versionId] })],
);
