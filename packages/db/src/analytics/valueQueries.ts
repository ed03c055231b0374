// The value figures of the Analytics area, read from the value rollups (customer_value, customer_revenue_daily).
import type { AnalyticsInterval } from '@lifecycle/journey';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';

export * from './valueSchema';
export * from './valueClv';
export * from './valueChurn';
export * from './valueChannels';
export * from './spendQueries';

/** The segment and channel filters every figure honours. */
export type ValueFilter = { segmentId: string | null; channel: string | null };
/** A range of instants (`to` exclusive), an interval and the filters. */
export type ValueRange = ValueFilter & { from: string; to: string; interval: AnalyticsInterval };

/** The SQL expression of the period (`YYYY-MM-DD` start) holding a `YYYY-MM-DD` day column; weeks start on Monday. */
export function periodOfDay(day: SQL, interval: AnalyticsInterval): SQL {
  switch (interval) {
    case 'day':
      return day;
    case 'week':
      return sql`date(${day}, '-6 days', 'weekday 1')`;
    case 'month':
      return sql`substr(${day}, 1, 7) || '-01'`;
    default: {
      const never: never = interval;
      throw new Error(`unknown interval ${String(never)}`);
    }
  }
}

export type RevenuePeriod = { period: string; revenue: number; orders: number; payingCustomers: number };
export type UnconvertedRevenue = { currency: string; amount: number; orders: number };

/** Base-currency revenue per period in the range (by the events' own days), orders and paying customers. */
export function revenueByPeriod(db: Db, range: ValueRange): RevenuePeriod[] {
  const period = periodOfDay(sql`r.day`, range.interval);
  return db.all<RevenuePeriod>(sql`
    SELECT ${period} AS period, sum(r.amount) AS revenue, sum(r.orders) AS orders, count(DISTINCT r.customer_id) AS payingCustomers
    FROM customer_revenue_daily r
    WHERE r.day >= ${range.from.slice(0, 10)} AND r.day < ${range.to.slice(0, 10)} AND r.currency = '' AND ${customerFilter(sql`r.customer_id`, range)}
    GROUP BY period ORDER BY period`);
}

/** Amounts in currencies without a rate in the range: reported apart, never added to the base-currency figures. */
export function unconvertedRevenue(db: Db, range: ValueRange): UnconvertedRevenue[] {
  return db.all<UnconvertedRevenue>(sql`
    SELECT r.currency AS currency, sum(r.amount) AS amount, sum(r.orders) AS orders
    FROM customer_revenue_daily r
    WHERE r.day >= ${range.from.slice(0, 10)} AND r.day < ${range.to.slice(0, 10)} AND r.currency <> '' AND ${customerFilter(sql`r.customer_id`, range)}
    GROUP BY r.currency ORDER BY r.currency`);
}

/** Revenue, orders and paying customers in the range, and the customers first seen before its end (ARPU's denominator). */
export function revenueTotals(db: Db, range: ValueRange): { revenue: number; orders: number; payingCustomers: number; customers: number } {
  const [paid] = db.all<{ revenue: number | null; orders: number | null; payingCustomers: number }>(sql`
    SELECT sum(r.amount) AS revenue, sum(r.orders) AS orders, count(DISTINCT r.customer_id) AS payingCustomers
    FROM customer_revenue_daily r
    WHERE r.day >= ${range.from.slice(0, 10)} AND r.day < ${range.to.slice(0, 10)} AND r.currency = '' AND ${customerFilter(sql`r.customer_id`, range)}`);
  return { revenue: paid?.revenue ?? 0, orders: paid?.orders ?? 0, payingCustomers: paid?.payingCustomers ?? 0, customers: customersSeenBefore(db, range.to, range) };
}

/** Customers first seen before `before` (in the filter). */
export function customersSeenBefore(db: Db, before: string, filter: ValueFilter): number {
  const [row] = db.all<{ customers: number }>(sql`SELECT count(*) AS customers FROM customer_facts x WHERE x.first_seen_at < ${before} AND ${customerFilter(sql`x.customer_id`, filter)}`);
  return row?.customers ?? 0;
}

export type CustomerValue = { customerId: string; revenue: number; orders: number; firstPurchaseAt: string | null; lastPurchaseAt: string | null; unconverted: UnconvertedRevenue[] };

/** One customer's revenue to date (historical CLV) and their amounts in currencies without a rate. */
export function customerValueOf(db: Db, customerId: string): CustomerValue {
  const row = db.$client
    .prepare('SELECT revenue, orders, first_purchase_at AS firstPurchaseAt, last_purchase_at AS lastPurchaseAt FROM customer_value WHERE customer_id = ?')
    .get(customerId) as { revenue: number; orders: number; firstPurchaseAt: string; lastPurchaseAt: string } | undefined;
  const unconverted = db.$client
    .prepare(`SELECT currency, sum(amount) AS amount, sum(orders) AS orders FROM customer_revenue_daily WHERE customer_id = ? AND currency <> '' GROUP BY currency ORDER BY currency`)
    .all(customerId) as UnconvertedRevenue[];
  return { customerId, revenue: row?.revenue ?? 0, orders: row?.orders ?? 0, firstPurchaseAt: row?.firstPurchaseAt ?? null, lastPurchaseAt: row?.lastPurchaseAt ?? null, unconverted };
}
