import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The stage rollups of the filtered views, keyed by (segment, channel): ('', channel) holds the customers whose
 * first-touch channel it is, (segment, '') the segment's members, (segment, channel) both. Kept equal to their
 * definition by triggers (migration 0028) on `stage_history`, `customers`, `segment_memberships` and `customer_facts`,
 * so every way a customer's stage, membership, channel or first-seen day changes — set-based segment saves included —
 * moves them without a hook in each writer.
 */
export const stageNowKeyed = sqliteTable(
  'stage_now_keyed',
  { segmentId: text('segment_id').notNull(), channel: text('channel').notNull(), stage: text('stage').notNull(), customers: integer('customers').notNull() },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.stage] })],
);

/** Stage moves per UTC day and (from, to) of the key's customers (`fromStage` '' = no stage before). */
export const stageMovesKeyed = sqliteTable(
  'stage_moves_keyed',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    day: text('day').notNull(),
    fromStage: text('from_stage').notNull(),
    toStage: text('to_stage').notNull(),
    moves: integer('moves').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.day, t.fromStage, t.toStage] })],
);

/** The key's customers by the UTC day they were first seen (`customer_facts.first_seen_at`). */
export const stageSeenKeyed = sqliteTable(
  'stage_seen_keyed',
  { segmentId: text('segment_id').notNull(), channel: text('channel').notNull(), day: text('day').notNull(), customers: integer('customers').notNull() },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.day] })],
);

/** Finished stays of the key's customers by the UTC day they ended, stage and length bucket (time in stage). Both stay
 * tables are kept by the triggers of migration 0028 and read only through SQL there. */
export const stageStaysEndedKeyed = sqliteTable(
  'stage_stays_ended_keyed',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    day: text('day').notNull(),
    stage: text('stage').notNull(),
    bucket: integer('bucket').notNull(),
    stays: integer('stays').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.day, t.stage, t.bucket] })],
);

/** Stays of the key's customers by stage, the UTC day they began (`startDay`) and the UTC day they ended (`leftDay`). */
export const stageStaysBegunKeyed = sqliteTable(
  'stage_stays_begun_keyed',
  {
    segmentId: text('segment_id').notNull(),
    channel: text('channel').notNull(),
    leftDay: text('left_day').notNull(),
    stage: text('stage').notNull(),
    startDay: text('start_day').notNull(),
    stays: integer('stays').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.leftDay, t.stage, t.startDay] })],
);
