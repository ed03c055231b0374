import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Journey analytics rollups. Migration 0016 keeps the counters current with triggers on runs, run_steps, deliveries
// and run_conversions, so every code path that records them counts once and an idempotent re-record counts nothing.

/** Each published version's goal (parsed from its graph at publish): what the late-conversion lookup matches. */
export const journeyGoals = sqliteTable('journey_goals', {
  versionId: text('version_id').primaryKey(),
  journeyId: text('journey_id').notNull(),
  goal: text('goal').notNull(),
  /** The event name that can reach the goal (`segment_entered` / `segment_exited` for segment goals). */
  goalEvent: text('goal_event').notNull(),
  /** The conversion window; 7 days for goals saved without one. */
  windowSeconds: integer('window_seconds').notNull(),
});

/** One row per run of a version with a goal: its conversion window, and the revenue its customer made within it. */
export const journeyRunWindows = sqliteTable(
  'journey_run_windows',
  {
    workflowId: text('workflow_id').primaryKey(),
    journeyId: text('journey_id').notNull(),
    versionId: text('version_id').notNull(),
    customerId: text('customer_id').notNull(),
    goalEvent: text('goal_event').notNull(),
    startedAt: text('started_at').notNull(),
    windowEndsAt: text('window_ends_at').notNull(),
    revenue: real('revenue').notNull().default(0),
  },
  (t) => [index('journey_run_windows_customer').on(t.customerId, t.windowEndsAt)],
);

/** Runs per version, day of entry (UTC) and current status. */
export const journeyDailyRuns = sqliteTable(
  'journey_daily_runs',
  {
    versionId: text('version_id').notNull(),
    journeyId: text('journey_id').notNull(),
    day: text('day').notNull(),
    status: text('status').notNull(),
    runs: integer('runs').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.day, t.status] }), index('journey_daily_runs_journey').on(t.journeyId, t.day)],
);

/** Time from entry to conversion per converted run (from run_conversions). */
export const journeyConversionTimes = sqliteTable(
  'journey_conversion_times',
  {
    workflowId: text('workflow_id').primaryKey(),
    journeyId: text('journey_id').notNull(),
    versionId: text('version_id').notNull(),
    startedAt: text('started_at').notNull(),
    seconds: real('seconds').notNull(),
  },
  (t) => [index('journey_conversion_times_journey').on(t.journeyId, t.startedAt)],
);

/** Steps per version and node: `exit` '' counts the visits that reached the node, each exit name those that left by it. */
export const journeyNodeStats = sqliteTable(
  'journey_node_stats',
  {
    versionId: text('version_id').notNull(),
    nodeId: text('node_id').notNull(),
    exit: text('exit').notNull(),
    visits: integer('visits').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.nodeId, t.exit] })],
);

/** Delivery counters per version, send node and template. */
export const journeySendStats = sqliteTable(
  'journey_send_stats',
  {
    versionId: text('version_id').notNull(),
    nodeId: text('node_id').notNull(),
    templateId: text('template_id').notNull(),
    journeyId: text('journey_id').notNull(),
    sent: integer('sent').notNull().default(0),
    delivered: integer('delivered').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    opened: integer('opened').notNull().default(0),
    clicked: integer('clicked').notNull().default(0),
    unsubscribed: integer('unsubscribed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.nodeId, t.templateId] }), index('journey_send_stats_template').on(t.templateId)],
);

/** The delivery whose unsubscribe link a customer used (once per delivery). */
export const deliveryUnsubscribes = sqliteTable('delivery_unsubscribes', {
  deliveryId: text('delivery_id').primaryKey(),
  unsubscribedAt: text('unsubscribed_at').notNull(),
});

// Migration 0030: the figures filtered by segment and channel. A "filter key" is '*' (everyone), 'c:<channel>',
// 's:<segment>' or 's:<segment>|c:<channel>' (journeysFilterKey.ts); triggers keep each customer's facts under
// every key they fall in, as facts are written and as memberships and channels change.

/** Runs per filter key (never '*': journey_daily_runs holds everyone), day of entry, version and current status. */
export const journeyFilteredRuns = sqliteTable(
  'journey_filtered_runs',
  {
    filterKey: text('filter_key').notNull(),
    day: text('day').notNull(),
    versionId: text('version_id').notNull(),
    journeyId: text('journey_id').notNull(),
    status: text('status').notNull(),
    runs: integer('runs').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.filterKey, t.day, t.versionId, t.status] })],
);

/** One row per converted run and filter key, ordered by seconds to convert (the median is a walk to the middle rank). */
export const journeyConversionRows = sqliteTable(
  'journey_conversion_rows',
  {
    filterKey: text('filter_key').notNull(),
    workflowId: text('workflow_id').notNull(),
    journeyId: text('journey_id').notNull(),
    versionId: text('version_id').notNull(),
    customerId: text('customer_id').notNull(),
    startedAt: text('started_at').notNull(),
    seconds: real('seconds').notNull(),
    /** The run window's revenue (journey_run_windows), kept equal by trigger. */
    revenue: real('revenue').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workflowId, t.filterKey] }),
    index('journey_conversion_rows_version').on(t.filterKey, t.versionId, t.seconds, t.startedAt, t.revenue),
    index('journey_conversion_rows_journey').on(t.filterKey, t.journeyId, t.seconds, t.startedAt),
    index('journey_conversion_rows_customer').on(t.customerId, t.filterKey),
  ],
);
