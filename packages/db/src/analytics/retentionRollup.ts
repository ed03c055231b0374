import { periodStart, type AnalyticsInterval, type AnalyticsSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import { rebuildInactivityChurns, recordActiveDay } from './retentionChurnRollup';
import { COUNTED_INTERVALS, rebuildCohorts, recordCohortActivity, recordCohortMember } from './retentionCohortRollup';
import { rebuildEventCohorts, recordEventCohortActivity, recordFirstEvent } from './retentionEventCohortRollup';
import { rebuildGrowth, recordGrowthPeriod } from './retentionGrowthRollup';
import { rebuildRetentionMarks } from './retentionScopeMarks';
import type { AnalyticsEvent } from './rollupEvent';
import { preparedPerDb } from '../preparedPerDb';
import type { RawStatement } from '../access/rawStatement';

function prepareAll(db: Db) {
  const sql = (text: string) => db.prepare(text);
  return {
    // INSERT OR IGNORE is a primary-key probe when the period is already there; the day's tells whether it is new.
    markDay: sql(`INSERT INTO customer_active_periods (customer_id, interval, period) VALUES (?, 'day', ?) ON CONFLICT DO NOTHING`),
    markWeek: sql(`INSERT INTO customer_active_periods (customer_id, interval, period) VALUES (?, 'week', ?) ON CONFLICT DO NOTHING`),
    markMonth: sql(`INSERT INTO customer_active_periods (customer_id, interval, period) VALUES (?, 'month', ?) ON CONFLICT DO NOTHING`),
  } satisfies Record<string, RawStatement>;
}

const statements = preparedPerDb(prepareAll);

/** Whether the event makes its customer active: one of the activity events, or any event of theirs when none are set. */
export function isActivity(settings: AnalyticsSettings, event: Pick<AnalyticsEvent, 'type' | 'name'>): boolean {
  if (event.type === 'internal') return false;
  if (settings.activityEvents.length === 0) return true;
  return event.name !== null && settings.activityEvents.includes(event.name);
}

/** Keeps the retention rollups current as each event is stored (inside the ingest transaction). */
export async function recordRetentionEvent(db: Db, settings: AnalyticsSettings, event: AnalyticsEvent): Promise<void> {
  const prepared = statements(db);
  const id = event.customerId;
  const firstSeenAt = await recordCohortMember(db, id, event.timestamp);
  if (isActivity(settings, event)) {
    const day = periodStart(event.timestamp, 'day');
    // A day already counted means its week and month are too: most events stop at this one primary-key probe.
    if ((await prepared.markDay.run(id, day)).changes > 0) {
      await recordNewPeriod(db, id, firstSeenAt, 'day', day);
      const week = periodStart(event.timestamp, 'week');
      if ((await prepared.markWeek.run(id, week)).changes > 0) await recordNewPeriod(db, id, firstSeenAt, 'week', week);
      const month = periodStart(event.timestamp, 'month');
      if ((await prepared.markMonth.run(id, month)).changes > 0) await recordNewPeriod(db, id, firstSeenAt, 'month', month);
      if (settings.churnInactivityDays !== null) await recordActiveDay(db, id, day, settings.churnInactivityDays);
    }
  }
  // After the periods: a first occurrence counts every active period from its cohort on, this event's included.
  if (event.type === 'track' && event.name !== null) await recordFirstEvent(db, id, event.name, event.timestamp);
}

/** A customer's first activity in a week or month: counted in their cohort and in the growth lens. */
async function recordNewPeriod(db: Db, customerId: string, firstSeenAt: string, interval: AnalyticsInterval, period: string): Promise<void> {
  if (!COUNTED_INTERVALS.includes(interval)) return;
  await recordCohortActivity(db, customerId, firstSeenAt, interval, period);
  await recordEventCohortActivity(db, customerId, interval, period);
  await recordGrowthPeriod(db, customerId, interval, period);
}

/** Rebuilds what depends on the inactivity limit, when an admin changes it. */
export async function rebuildRetentionChurns(db: Db, settings: AnalyticsSettings): Promise<void> {
  await db.transaction(async () => await rebuildInactivityChurns(db, settings.churnInactivityDays));
}

/**
 * Rebuilds the activity periods from the stored events under new settings (the activity events changed, so which
 * periods count as active changed for all history). A one-off scan of events, run when an admin saves such a change.
 */
export async function rebuildRetentionActivity(db: Db, settings: AnalyticsSettings): Promise<void> {
  const names = settings.activityEvents;
  const nameRule = names.length === 0 ? '' : `AND e.name IN (${names.map(() => '?').join(', ')})`;
  await db.transaction(async () => {
    await db.prepare('DELETE FROM customer_active_periods').run();
    // A day is strftime('%Y-%m-%d', …), SQLite's date(…): one-argument date() is Postgres's cast to its date type, which
    // a CASE of text periods refuses.
    await db
      .prepare(
        `INSERT INTO customer_active_periods (customer_id, interval, period)
         SELECT DISTINCT e.customer_id, i.interval,
                CASE i.interval WHEN 'day' THEN strftime('%Y-%m-%d', e.timestamp) WHEN 'week' THEN date(e.timestamp, '-6 days', 'weekday 1') ELSE date(e.timestamp, 'start of month') END
         FROM events e, (SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month') i
         WHERE e.customer_id IS NOT NULL AND e.type <> 'internal' ${nameRule} ON CONFLICT DO NOTHING`,
      )
      .run(...names);
    await rebuildInactivityChurns(db, settings.churnInactivityDays);
    await rebuildCohorts(db);
    await rebuildEventCohorts(db);
    await rebuildGrowth(db);
    await rebuildRetentionMarks(db);
  });
}
