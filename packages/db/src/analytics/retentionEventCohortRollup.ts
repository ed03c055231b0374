import { periodStart, type AnalyticsInterval } from '@lifecycle/journey';
import type { Db } from '../client';
import { COUNTED_INTERVALS } from './retentionCohortRollup';
import { preparedPerDb } from '../preparedPerDb';
import type { PluckedStatement, RawStatement } from '../access/rawStatement';

function prepareAll(db: Db) {
  const sql = (text: string) => db.prepare(text);
  return {
    firstAt: sql('SELECT first_at FROM customer_first_events WHERE customer_id = ? AND event = ?').pluck(),
    setFirstAt: sql('INSERT INTO customer_first_events (customer_id, event, first_at) VALUES (?, ?, ?) ON CONFLICT (customer_id, event) DO UPDATE SET first_at = excluded.first_at'),
    firstEvents: sql('SELECT event, first_at AS firstAt FROM customer_first_events WHERE customer_id = ?'),
    addSize: sql('INSERT INTO event_cohort_sizes (event, interval, cohort, customers) VALUES (?, ?, ?, ?) ON CONFLICT (event, interval, cohort) DO UPDATE SET customers = event_cohort_sizes.customers + excluded.customers'),
    addActive: sql(
      'INSERT INTO event_cohort_activity (event, interval, cohort, period, customers) VALUES (?, ?, ?, ?, ?) ON CONFLICT (event, interval, cohort, period) DO UPDATE SET customers = event_cohort_activity.customers + excluded.customers',
    ),
    // The customer's active periods from a cohort on, counted (+1) or uncounted (-1) in that cohort.
    addPeriodsFrom: sql(
      `INSERT INTO event_cohort_activity (event, interval, cohort, period, customers)
       SELECT @event, @interval, @cohort, period, @delta FROM customer_active_periods WHERE customer_id = @customerId AND interval = @interval AND period >= @cohort
       ON CONFLICT (event, interval, cohort, period) DO UPDATE SET customers = event_cohort_activity.customers + excluded.customers`,
    ),
  } satisfies Record<string, RawStatement | PluckedStatement>;
}

const statements = preparedPerDb(prepareAll);

/**
 * Keeps "when did the customer first do this event" and the event cohort counters current: a first occurrence adds
 * the customer to the event's cohorts with their active periods from then on; an earlier one (backfilled history)
 * moves them. A later occurrence costs one primary-key probe.
 */
export async function recordFirstEvent(db: Db, customerId: string, event: string, at: string): Promise<void> {
  const prepared = statements(db);
  const known = await prepared.firstAt.get<string>(customerId, event);
  if (known !== undefined && known <= at) return;
  await prepared.setFirstAt.run(customerId, event, at);
  for (const interval of COUNTED_INTERVALS) {
    const cohort = periodStart(at, interval);
    const old = known === undefined ? undefined : periodStart(known, interval);
    if (old === cohort) continue;
    if (old !== undefined) {
      await prepared.addSize.run(event, interval, old, -1);
      await prepared.addPeriodsFrom.run({ event, interval, cohort: old, customerId, delta: -1 });
    }
    await prepared.addSize.run(event, interval, cohort, 1);
    await prepared.addPeriodsFrom.run({ event, interval, cohort, customerId, delta: 1 });
  }
}

/** A customer's new active week or month: counted in each event cohort of theirs that started by then. */
export async function recordEventCohortActivity(db: Db, customerId: string, interval: AnalyticsInterval, period: string): Promise<void> {
  const prepared = statements(db);
  for (const { event, firstAt } of await prepared.firstEvents.all<{ event: string; firstAt: string }>(customerId)) {
    const cohort = periodStart(firstAt, interval);
    if (cohort <= period) await prepared.addActive.run(event, interval, cohort, period, 1);
  }
}

const COHORT_OF = `CASE i.interval WHEN 'week' THEN date(f.first_at, '-6 days', 'weekday 1') ELSE date(f.first_at, 'start of month') END`;
const INTERVAL_ROWS = `(SELECT 'week' AS interval UNION ALL SELECT 'month') i`;

/**
 * The event cohort counters counted from the first events and active periods (migration 0029 and a rebuild): same rule.
 * The intervals are CROSS JOINed, not listed after a comma: Postgres binds the JOIN after it first, out of reach of `f`.
 */
export const EVENT_COHORT_SIZES_FROM_ROWS = `INSERT INTO event_cohort_sizes (event, interval, cohort, customers)
  SELECT f.event, i.interval, ${COHORT_OF}, count(*) FROM customer_first_events f, ${INTERVAL_ROWS} GROUP BY 1, 2, 3`;
export const EVENT_COHORT_ACTIVITY_FROM_ROWS = `INSERT INTO event_cohort_activity (event, interval, cohort, period, customers)
  SELECT f.event, i.interval, ${COHORT_OF} AS cohort, p.period, count(*) FROM customer_first_events f CROSS JOIN ${INTERVAL_ROWS}
  JOIN customer_active_periods p ON p.customer_id = f.customer_id AND p.interval = i.interval AND p.period >= ${COHORT_OF} GROUP BY 1, 2, 3, 4`;

/** Recounts the event cohort counters (after a rebuild of the activity). */
export async function rebuildEventCohorts(db: Db): Promise<void> {
  await db.prepare('DELETE FROM event_cohort_sizes').run();
  await db.prepare('DELETE FROM event_cohort_activity').run();
  await db.prepare(EVENT_COHORT_SIZES_FROM_ROWS).run();
  await db.prepare(EVENT_COHORT_ACTIVITY_FROM_ROWS).run();
}
