import { nextPeriod, periodStart } from '@lifecycle/journey';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';
import type { RetentionRange } from './retentionPeriods';

const DAY_MS = 86_400_000;

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Customers whose inactivity reached `days` in each period (by period start): a customer last active on day d, with
 * no activity on days d+1 … d+days, churns on day d+days (counted once that day has ended). Read from the daily
 * active periods: an active day followed by no other within `days`.
 */
export function inactivityChurns(db: Db, days: number, range: RetentionRange, periods: string[], now: Date): Map<string, Set<string>> {
  const first = periods[0] ?? range.from.slice(0, 10);
  const end = nextPeriod(periods[periods.length - 1] ?? first, range.interval);
  const today = now.toISOString().slice(0, 10);
  const rows = db.all<{ customerId: string; day: string }>(
    sql`SELECT p.customer_id AS customerId, p.period AS day FROM customer_active_periods p
        WHERE p.interval = 'day' AND p.period >= ${addDays(first, -days)} AND p.period < ${addDays(end, -days)}
          AND ${customerFilter(sql`p.customer_id`, range)}
          AND NOT EXISTS (SELECT 1 FROM customer_active_periods q WHERE q.customer_id = p.customer_id AND q.interval = 'day'
                          AND q.period > p.period AND q.period <= date(p.period, ${`+${days} days`}))`,
  );
  const churns = new Map<string, Set<string>>();
  for (const { customerId, day } of rows) {
    const churnDay = addDays(day, days);
    if (churnDay >= today) continue;
    const period = periodStart(churnDay, range.interval);
    if (!periods.includes(period)) continue;
    churns.set(period, (churns.get(period) ?? new Set<string>()).add(customerId));
  }
  return churns;
}
