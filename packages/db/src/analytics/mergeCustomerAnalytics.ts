import type { Db } from '../client';
import { detachCustomerKeys, reattachCustomerKeys } from './customerKeys';
import { forgetCustomerEventAnalytics } from './forgetCustomer';
import { recordAnalyticsEvent } from './rollups';
import type { AnalyticsEvent } from './rollupEvent';
import { loadAnalyticsSettings } from './settings';

type EventRow = { id: string; type: AnalyticsEvent['type']; name: string | null; properties: string; traits: string | null; context: string | null; timestamp: string };

/**
 * The events of a customer that reached the analytics hooks, in the order they were stored (ids sort by time of
 * storing), up to `appliedThrough` when the hooks run behind ingest. Internal events the platform writes itself
 * (stage, health and segment moves) never pass the hooks.
 */
function hookedEvents(db: Db, customerId: string, appliedThrough: string | null): AnalyticsEvent[] {
  const rows = db.$client
    .prepare(
      `SELECT id, type, name, properties, traits, context, timestamp FROM events WHERE customer_id = ? AND (? IS NULL OR id <= ?)
         AND (type <> 'internal' OR (message_id NOT LIKE 'stage:%' AND message_id NOT LIKE 'health:%' AND message_id NOT LIKE 'segment:%'))
       ORDER BY id`,
    )
    .all(customerId, appliedThrough, appliedThrough) as EventRow[];
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    name: row.name,
    customerId,
    properties: JSON.parse(row.properties) as Record<string, unknown>,
    traits: row.traits === null ? null : (JSON.parse(row.traits) as Record<string, unknown>),
    context: row.context === null ? null : (JSON.parse(row.context) as Record<string, unknown>),
    timestamp: row.timestamp,
  }));
}

/** Rows built per run that name the run's customer; they follow the run (their counters stay, the keys are re-added). */
const RUN_TABLES = ['journey_run_windows', 'run_conversions', 'experiment_arm_runs', 'journey_conversion_rows'] as const;

/**
 * Merges the analytics of customer `fromId` into `intoId` so every figure reads as if all their events had been
 * stored under `intoId`: first touch is the earlier one, revenue adds up, one customer in the cohorts. Both customers
 * leave the segment and channel keys, `fromId`'s event-built rows are uncounted, `moveRows` moves the stored rows
 * (events, runs, deliveries, stage history), `intoId`'s keys come back (the triggers count everything they now hold)
 * and `fromId`'s events are recorded again under `intoId` through the same hooks ingest uses. Costs one pass over
 * `fromId`'s events (an anonymous visitor's few, usually). When the hooks apply events after ingest, pass the last
 * event id they applied as `appliedThrough`: later events are recorded by the hooks themselves, under `intoId` then.
 */
export function mergeCustomerAnalytics(db: Db, fromId: string, intoId: string, moveRows: () => void, appliedThrough: string | null = null): void {
  const client = db.$client;
  const settings = loadAnalyticsSettings(db);
  const replay = hookedEvents(db, fromId, appliedThrough);
  const intoKeys = detachCustomerKeys(db, intoId);
  detachCustomerKeys(db, fromId);
  forgetCustomerEventAnalytics(db, fromId);
  // Journey revenue of the merged runs is recounted by the replay, as for every other run of `intoId`.
  client.prepare('UPDATE journey_run_windows SET revenue = 0 WHERE customer_id = ? AND revenue <> 0').run(fromId);
  // One customer, one control-group assignment: `intoId`'s (assigned on their next batch when they have none).
  client.prepare('DELETE FROM global_control WHERE customer_id = ?').run(fromId);
  moveRows();
  for (const table of RUN_TABLES) client.prepare(`UPDATE ${table} SET customer_id = ? WHERE customer_id = ?`).run(intoId, fromId);
  reattachCustomerKeys(db, intoKeys);
  for (const event of replay) recordAnalyticsEvent(db, settings, { ...event, customerId: intoId });
}
