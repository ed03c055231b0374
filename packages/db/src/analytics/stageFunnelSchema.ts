import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The stage funnel's rollup (migration 0036). `stage_funnel_reach`: per customer, each entry into a configured stage
 * and how far its walk down the funnel got — one row per step reached, with the time from the step before as a 5%-wide
 * bucket (stageFunnelRollup.ts). `stage_funnel_keyed`: the same counted per (segment, channel) key like 0028, ('', '')
 * for everyone. Both are built for the config named in `stage_funnel_state`.
 */
const walkColumns = {
  startStage: text('start_stage').notNull(),
  /** '' walks the ordinary stages after the start; a churn stage's name walks the ordinary stages before it, then it. */
  track: text('track').notNull(),
  /** UTC day of the entry. */
  day: text('day').notNull(),
  /** UTC day of the customer's entry into the same stage before this one ('' for none). */
  prevDay: text('prev_day').notNull(),
  /** 0 is the entry itself; k ≥ 1 the k-th next step reached in order. */
  step: integer('step').notNull(),
  /** -1 for the entry; else -2 (the same instant), 0 (under a minute) or b: [1 min · 1.05^(b−1), 1 min · 1.05^b) since the step before. */
  bucket: integer('bucket').notNull(),
  entries: integer('entries').notNull(),
};

export const stageFunnelReach = sqliteTable('stage_funnel_reach', { customerId: text('customer_id').notNull(), ...walkColumns }, (t) => [
  primaryKey({ columns: [t.customerId, t.startStage, t.track, t.day, t.prevDay, t.step, t.bucket] }),
]);

export const stageFunnelKeyed = sqliteTable(
  'stage_funnel_keyed',
  { segmentId: text('segment_id').notNull(), channel: text('channel').notNull(), ...walkColumns },
  (t) => [primaryKey({ columns: [t.segmentId, t.channel, t.startStage, t.track, t.day, t.prevDay, t.step, t.bucket] })],
);

/** The stage order and churn stages (JSON arrays) the walks were built for; `building` 1 while a rebuild fills both tables. */
export const stageFunnelState = sqliteTable('stage_funnel_state', {
  id: integer('id').primaryKey(),
  stages: text('stages').notNull(),
  churnStages: text('churn_stages').notNull(),
  building: integer('building').notNull().default(0),
});

/** Customers whose walks are to be worked out again (a stage change, a first-seen moved) before the next read. */
export const stageFunnelDirty = sqliteTable('stage_funnel_dirty', { customerId: text('customer_id').primaryKey() });
