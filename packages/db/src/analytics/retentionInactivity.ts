import { nextPeriod, periodStart } from '@lifecycle/journey';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';
import { periodStartSql, type RetentionRange } from './retentionPeriods';

/**
 * Customers of the customer stages whose inactivity reached the limit in each period (by period start): a customer
 * last active on day d, with no activity on days d+1 … d+limit, churns on day d+limit, counted once that day has
 * ended and only if they were in a customer stage at the start of its period. Read from the inactivity-churn rollup.
 */
export async function inactivityChurns(db: Db, customerStages: SQL, range: RetentionRange, periods: string[], now: Date): Promise<Map<string, Set<string>>> {
  const first = periods[0] ?? range.from.slice(0, 10);
  const end = nextPeriod(periods[periods.length - 1] ?? first, range.interval);
  const today = now.toISOString().slice(0, 10);
  const rows = await db.rows<{ customerId: string; day: string }>(sql`SELECT x.customer_id AS customerId, x.churn_day AS day FROM customer_inactivity_churns x
        WHERE x.churn_day >= ${first} AND x.churn_day < ${end < today ? end : today} AND ${customerFilter(sql`x.customer_id`, range)}
          AND (SELECT b.to_stage FROM stage_history b WHERE b.customer_id = x.customer_id AND b.at < ${periodStartSql(sql`x.churn_day`, range.interval)} || 'T00:00:00.000Z'
               ORDER BY b.at DESC, b.id DESC LIMIT 1) IN ${customerStages}`);
  const churns = new Map<string, Set<string>>();
  for (const { customerId, day } of rows) {
    const period = periodStart(day, range.interval);
    churns.set(period, (churns.get(period) ?? new Set<string>()).add(customerId));
  }
  return churns;
}
