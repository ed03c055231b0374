import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Stage changes per UTC day and (from, to): "customers per stage over time" is the running sum of these moves and the
 * transition table their sum over a range, so neither scans the stage history. Kept current by `changeStage`
 * (stage changes do not pass through ingest). `fromStage` is '' when the customer had no stage before.
 *
 * Time in stage reads `stage_history.left_at` (added by the same migration, set when the customer's next change is
 * recorded); the profile's stage-history answer leaves it out (`stageHistoryOf`).
 */
export const stageFlowDaily = sqliteTable(
  'stage_flow_daily',
  {
    day: text('day').notNull(),
    fromStage: text('from_stage').notNull(),
    toStage: text('to_stage').notNull(),
    moves: integer('moves').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.fromStage, t.toStage] })],
);
