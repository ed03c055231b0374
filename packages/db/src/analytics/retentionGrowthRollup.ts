import { nextPeriod, type AnalyticsInterval } from '@lifecycle/journey';
import type { Db } from '../client';
import { markRetention } from './retentionScopeMarks';
import { preparedPerDb } from '../preparedPerDb';
import type { PluckedStatement, RawStatement } from '../access/rawStatement';

type Kind = 'new' | 'returning' | 'resurrecting' | 'dormant';

function prepareAll(db: Db) {
  const sql = (text: string) => db.prepare(text);
  return {
    isActive: sql('SELECT 1 FROM customer_active_periods WHERE customer_id = ? AND interval = ? AND period = ?').pluck(),
    before: sql('SELECT 1 FROM customer_active_periods WHERE customer_id = ? AND interval = ? AND period < ? LIMIT 1').pluck(),
    firstAfter: sql('SELECT period FROM customer_active_periods WHERE customer_id = ? AND interval = ? AND period > ? ORDER BY period LIMIT 1').pluck(),
    add: sql('INSERT INTO growth_counts (interval, period, kind, customers) VALUES (?, ?, ?, ?) ON CONFLICT (interval, period, kind) DO UPDATE SET customers = growth_counts.customers + excluded.customers'),
  } satisfies Record<string, RawStatement | PluckedStatement>;
}

const statements = preparedPerDb(prepareAll);

function previousPeriod(start: string, interval: AnalyticsInterval): string {
  const date = new Date(`${start}T00:00:00.000Z`);
  if (interval === 'day') date.setUTCDate(date.getUTCDate() - 1);
  else if (interval === 'week') date.setUTCDate(date.getUTCDate() - 7);
  else date.setUTCMonth(date.getUTCMonth() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * A customer's new active period (already inserted) re-classifies only: itself (new, returning or resurrecting),
 * the period after it (now returning, or now dormant when not active), the period itself no longer dormant, and
 * their old first period when this one comes earlier (new → resurrecting).
 */
export async function recordGrowthPeriod(db: Db, customerId: string, interval: AnalyticsInterval, period: string): Promise<void> {
  const prepared = statements(db);
  const add = async (at: string, kind: Kind, delta: 1 | -1) => {
    await prepared.add.run(interval, at, kind, delta);
    await markRetention(db, customerId, 'growth', interval, at, kind, delta);
  };
  const previous = previousPeriod(period, interval);
  const next = nextPeriod(period, interval);
  const previousActive = (await prepared.isActive.get(customerId, interval, previous)) !== undefined;
  const earlier = previousActive || (await prepared.before.get(customerId, interval, period)) !== undefined;
  const nextActive = (await prepared.isActive.get(customerId, interval, next)) !== undefined;
  await add(period, !earlier ? 'new' : previousActive ? 'returning' : 'resurrecting', 1);
  if (previousActive) await add(period, 'dormant', -1);
  if (nextActive) {
    await add(next, earlier ? 'resurrecting' : 'new', -1);
    await add(next, 'returning', 1);
  } else {
    await add(next, 'dormant', 1);
    const first = earlier ? undefined : await prepared.firstAfter.get<string>(customerId, interval, period);
    if (first !== undefined) {
      await add(first, 'new', -1);
      await add(first, 'resurrecting', 1);
    }
  }
}

const STEP = (sign: '-' | '+') =>
  `CASE interval WHEN 'day' THEN date(period, '${sign}1 day') WHEN 'week' THEN date(period, '${sign}7 days') ELSE date(period, '${sign}1 month') END`;

/** The growth lens counted from every active period (the migration and a rebuild of the activity): same rule. */
export const GROWTH_FROM_ACTIVITY = `WITH w AS (
    SELECT interval, period, lag(period) OVER (PARTITION BY customer_id, interval ORDER BY period) AS prev,
           lead(period) OVER (PARTITION BY customer_id, interval ORDER BY period) AS nxt FROM customer_active_periods WHERE interval IN ('week', 'month'))
  INSERT INTO growth_counts (interval, period, kind, customers)
  SELECT interval, at, kind, count(*) FROM (
    SELECT interval, period AS at, CASE WHEN prev IS NULL THEN 'new' WHEN prev = ${STEP('-')} THEN 'returning' ELSE 'resurrecting' END AS kind FROM w
    UNION ALL SELECT interval, ${STEP('+')}, 'dormant' FROM w WHERE nxt IS NULL OR nxt <> ${STEP('+')}) AS sub1
  GROUP BY 1, 2, 3`;

/** Recounts the growth lens from the active periods (after a rebuild of the activity). */
export async function rebuildGrowth(db: Db): Promise<void> {
  await db.prepare('DELETE FROM growth_counts').run();
  await db.prepare(GROWTH_FROM_ACTIVITY).run();
}
