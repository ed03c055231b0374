import type { Db } from '../client';
import { detachCustomerKeys, reattachCustomerKeys } from './customerKeys';
import { forgetCustomerEventAnalytics } from './forgetCustomer';
import { recheckHealthSoon } from './healthRescore';
import { isTransientDatabaseError } from '../access/databaseErrorCode';
import { setAsideAnalyticsEvent } from './pendingEvents';
import { recordAnalyticsEvent } from './rollups';
import { analyticsEventOfRow, STORED_EVENT_COLUMNS, type StoredEventRow } from './rollupEvent';
import { loadAnalyticsSettings } from './settings';

/**
 * The events of a customer that reached the analytics hooks, in the order they were stored (ids sort by time of
 * storing). Events still queued for the applier (analytics_pending) are left out: it counts them later, under the
 * customer who owns them then; so are events set aside (analytics_set_aside): the hooks failed on them, they were
 * never counted. Internal events the platform writes itself (stage, health and segment moves, a published journey's
 * segment backfill, scheduled entries) never pass the hooks.
 */
async function hookedEvents(db: Db, customerId: string): Promise<StoredEventRow[]> {
  return await db
    .prepare(
      `SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE customer_id = ? AND id NOT IN (SELECT event_id FROM analytics_pending)
         AND id NOT IN (SELECT event_id FROM analytics_set_aside)
         AND (type <> 'internal' OR (message_id NOT LIKE 'stage:%' AND message_id NOT LIKE 'health:%' AND message_id NOT LIKE 'segment:%'
                                     AND message_id NOT LIKE 'segment-backfill:%' AND message_id NOT LIKE 'entry:%'))
       ORDER BY id`,
    )
    .all<StoredEventRow>(customerId);
}

/** Rows built per run that name the run's customer; they follow the run (their counters stay, the keys are re-added). */
const RUN_TABLES = ['journey_run_windows', 'run_conversions', 'experiment_arm_runs', 'journey_conversion_rows'] as const;

/**
 * Merges the analytics of customer `fromId` into `intoId` so every figure reads as if all their events had been
 * stored under `intoId`: first touch is the earlier one, revenue adds up, one customer in the cohorts. Both customers
 * leave the segment and channel keys, `fromId`'s event-built rows are uncounted, `moveRows` moves the stored rows
 * (events, runs, deliveries, stage history), `intoId`'s keys come back (the triggers count everything they now hold)
 * and `fromId`'s events are recorded again under `intoId` through the same hooks ingest uses. Costs one pass over
 * `fromId`'s events (an anonymous visitor's few, usually). Events still queued for the applier move with the rest and
 * are counted when applied, under `intoId` then.
 */
export async function mergeCustomerAnalytics(db: Db, fromId: string, intoId: string, moveRows: () => Promise<void>): Promise<void> {
  const settings = await loadAnalyticsSettings(db);
  const replay = await hookedEvents(db, fromId);
  const intoKeys = await detachCustomerKeys(db, intoId);
  await detachCustomerKeys(db, fromId);
  await forgetCustomerEventAnalytics(db, fromId);
  // Journey revenue of the merged runs is recounted by the replay, as for every other run of `intoId`.
  await db.prepare('UPDATE journey_run_windows SET revenue = 0 WHERE customer_id = ? AND revenue <> 0').run(fromId);
  // One customer, one control-group assignment: `intoId`'s (assigned on their next batch when they have none).
  await db.prepare('DELETE FROM global_control WHERE customer_id = ?').run(fromId);
  await moveRows();
  for (const table of RUN_TABLES) await db.prepare(`UPDATE ${table} SET customer_id = ? WHERE customer_id = ?`).run(intoId, fromId);
  await reattachCustomerKeys(db, intoKeys);
  const now = new Date();
  for (const row of replay) {
    // One event the hooks now fail on (counted once, under another version) must not refuse the identify that
    // merges: it is set aside with its error, and the merge goes on (a savepoint undoes only its own writes).
    try {
      await db.transaction(async () => recordAnalyticsEvent(db, settings, analyticsEventOfRow(row, intoId)));
    } catch (error) {
      if (isTransientDatabaseError(error)) throw error;
      await setAsideAnalyticsEvent(db, row.id, error, now);
    }
  }
  // Their score may move with the events they gained (four logins as a visitor, one more as a customer): the sweep
  // rescores them at once. Ingest does not rescore (the applier does, for the events it counts), and the events
  // replayed here were counted before.
  await recheckHealthSoon(db, intoId);
}
