import type { Db } from '../client';
import { withFlowsRebuilt } from './retentionFlows';
import { preparedPerDb } from '../preparedPerDb';
import type { PluckedStatement, RawStatement } from '../access/rawStatement';

function prepareAll(db: Db) {
  const sql = (text: string) => db.prepare(text);
  return {
    previousDay: sql(`SELECT period FROM customer_active_periods WHERE customer_id = ? AND interval = 'day' AND period < ? ORDER BY period DESC LIMIT 1`).pluck(),
    nextDay: sql(`SELECT period FROM customer_active_periods WHERE customer_id = ? AND interval = 'day' AND period > ? ORDER BY period LIMIT 1`).pluck(),
    forget: sql(`DELETE FROM customer_inactivity_churns WHERE customer_id = ? AND last_day = ?`),
    churn: sql(
      `INSERT INTO customer_inactivity_churns (customer_id, last_day, churn_day) VALUES (?, ?, date(?, ?))
       ON CONFLICT (customer_id, last_day) DO UPDATE SET churn_day = excluded.churn_day`,
    ),
  } satisfies Record<string, RawStatement | PluckedStatement>;
}

const statements = preparedPerDb(prepareAll);

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/**
 * A new active day splits the gap between its neighbours: the previous day churns (at +D) only if this day is more
 * than D later, and this day churns unless the next one comes within D days. Nothing else changes.
 */
export async function recordActiveDay(db: Db, customerId: string, day: string, inactivityDays: number): Promise<void> {
  const prepared = statements(db);
  const offset = `+${inactivityDays} days`;
  const previous = await prepared.previousDay.get<string>(customerId, day);
  const next = await prepared.nextDay.get<string>(customerId, day);
  if (previous !== undefined) {
    await prepared.forget.run(customerId, previous);
    if (daysBetween(previous, day) > inactivityDays) await prepared.churn.run(customerId, previous, previous, offset);
  }
  if (next === undefined || daysBetween(day, next) > inactivityDays) await prepared.churn.run(customerId, day, day, offset);
}

/**
 * Rebuilds the inactivity churns from the active days (the inactivity limit or the activity events changed), and the
 * retention flows that read them, set-based rather than through a trigger per churn row.
 */
export async function rebuildInactivityChurns(db: Db, inactivityDays: number | null): Promise<void> {
  await withFlowsRebuilt(db, async () => {
    await db.prepare('DELETE FROM customer_inactivity_churns').run();
    if (inactivityDays === null) return;
    const offset = `+${inactivityDays} days`;
    await db
      .prepare(
        `INSERT INTO customer_inactivity_churns (customer_id, last_day, churn_day)
         SELECT customer_id, period, date(period, @offset) FROM (
           SELECT customer_id, period, lead(period) OVER (PARTITION BY customer_id ORDER BY period) AS next_day FROM customer_active_periods WHERE interval = 'day') AS days
         WHERE next_day IS NULL OR next_day > date(period, @offset) ON CONFLICT DO NOTHING`,
      )
      .run({ offset });
  });
}
