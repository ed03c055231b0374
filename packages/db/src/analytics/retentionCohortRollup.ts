import { periodStart, type AnalyticsInterval } from '@lifecycle/journey';
import type { Db } from '../client';
import { markRetention } from './retentionScopeMarks';
import { preparedPerDb } from '../preparedPerDb';
import type { PluckedStatement, RawStatement } from '../access/rawStatement';

/** The grains the counters keep (a day grain reads the active periods instead: new days are most of the writes). */
export const COUNTED_INTERVALS: readonly AnalyticsInterval[] = ['week', 'month'];

function prepareAll(db: Db) {
  const sql = (text: string) => db.prepare(text);
  return {
    firstSeen: sql('SELECT first_seen_at FROM cohort_members WHERE customer_id = ?').pluck(),
    setFirstSeen: sql('INSERT INTO cohort_members (customer_id, first_seen_at) VALUES (?, ?) ON CONFLICT (customer_id) DO UPDATE SET first_seen_at = excluded.first_seen_at'),
    addSize: sql('INSERT INTO cohort_sizes (interval, cohort, customers) VALUES (?, ?, ?) ON CONFLICT (interval, cohort) DO UPDATE SET customers = cohort_sizes.customers + excluded.customers'),
    addActive: sql(
      'INSERT INTO cohort_activity (interval, cohort, period, customers) VALUES (?, ?, ?, ?) ON CONFLICT (interval, cohort, period) DO UPDATE SET customers = cohort_activity.customers + excluded.customers',
    ),
    // Every active period of the customer moves from the old cohort's counters to the new one's.
    moveActive: sql(
      `INSERT INTO cohort_activity (interval, cohort, period, customers)
       SELECT p.interval, c.cohort, p.period, c.delta FROM customer_active_periods p, (SELECT @old AS cohort, -1 AS delta UNION ALL SELECT @new, 1) c
       WHERE p.customer_id = @customerId AND p.interval = @interval AND true
       ON CONFLICT (interval, cohort, period) DO UPDATE SET customers = cohort_activity.customers + excluded.customers`,
    ),
    activePeriods: sql('SELECT period FROM customer_active_periods WHERE customer_id = ? AND interval = ?').pluck(),
  } satisfies Record<string, RawStatement | PluckedStatement>;
}

const statements = preparedPerDb(prepareAll);

/**
 * Keeps the customer's cohort (by first-seen) current before their new active periods are counted: a first event
 * adds them to their cohorts; an earlier one (backfilled history) moves their counts to the earlier cohorts.
 * Returns their first-seen time now.
 */
export async function recordCohortMember(db: Db, customerId: string, at: string): Promise<string> {
  const prepared = statements(db);
  const known = await prepared.firstSeen.get<string>(customerId);
  if (known !== undefined && known <= at) return known;
  await prepared.setFirstSeen.run(customerId, at);
  for (const interval of COUNTED_INTERVALS) {
    const cohort = periodStart(at, interval);
    if (known === undefined) {
      await prepared.addSize.run(interval, cohort, 1);
      await markRetention(db, customerId, 'cohort', interval, cohort, '', 1);
      continue;
    }
    const old = periodStart(known, interval);
    if (old === cohort) continue;
    await prepared.addSize.run(interval, old, -1);
    await prepared.addSize.run(interval, cohort, 1);
    await prepared.moveActive.run({ customerId, interval, old, new: cohort });
    // The filter scopes' copy (retentionScopeMarks.ts): rare, only when backfilled history moves first-seen back.
    await markRetention(db, customerId, 'cohort', interval, old, '', -1);
    await markRetention(db, customerId, 'cohort', interval, cohort, '', 1);
    for (const period of await prepared.activePeriods.all<string>(customerId, interval)) {
      await markRetention(db, customerId, 'active', interval, old, period, -1);
      await markRetention(db, customerId, 'active', interval, cohort, period, 1);
    }
  }
  return at;
}

/** Counts a new active period of the customer in their first-seen cohort. */
export async function recordCohortActivity(db: Db, customerId: string, firstSeenAt: string, interval: AnalyticsInterval, period: string): Promise<void> {
  const cohort = periodStart(firstSeenAt, interval);
  await statements(db).addActive.run(interval, cohort, period, 1);
  await markRetention(db, customerId, 'active', interval, cohort, period, 1);
}

const COHORT_OF = `CASE i.interval WHEN 'week' THEN date(m.first_seen_at, '-6 days', 'weekday 1') ELSE date(m.first_seen_at, 'start of month') END`;
const INTERVAL_ROWS = `(SELECT 'week' AS interval UNION ALL SELECT 'month') i`;

/** Recounts the cohort counters from customer_facts and the active periods (after a rebuild of the activity). */
export async function rebuildCohorts(db: Db): Promise<void> {
  for (const table of ['cohort_members', 'cohort_sizes', 'cohort_activity']) await db.prepare(`DELETE FROM ${table}`).run();
  await db.prepare('INSERT INTO cohort_members (customer_id, first_seen_at) SELECT customer_id, first_seen_at FROM customer_facts').run();
  await db.prepare(`INSERT INTO cohort_sizes (interval, cohort, customers) SELECT i.interval, ${COHORT_OF}, count(*) FROM cohort_members m, ${INTERVAL_ROWS} GROUP BY 1, 2`).run();
  await db
    .prepare(
      `INSERT INTO cohort_activity (interval, cohort, period, customers)
       SELECT i.interval, ${COHORT_OF}, p.period, count(*) FROM cohort_members m CROSS JOIN ${INTERVAL_ROWS}
       JOIN customer_active_periods p ON p.customer_id = m.customer_id AND p.interval = i.interval GROUP BY 1, 2, 3`,
    )
    .run();
}
