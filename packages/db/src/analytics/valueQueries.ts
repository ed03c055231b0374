// The value figures of the Analytics area, read from the value rollups: per scope (filter) and day for the period
// figures (revenue_scope_days, revenue_scope_payers, customer_scope_first_seen), per customer for CLV (customer_value).
import type { AnalyticsInterval } from '@lifecycle/journey';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';
import { firstSeenBeforeDay, payersBetween, scopeOf } from './valueScopes';

export * from './valueSchema';
export * from './valueScopesSchema';
export * from './valueChurnSchema';
export * from './valueClv';
export * from './valueGroups';
export * from './valueGroupsSchema';
export * from './valueTopCustomers';
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

/**
 * Base-currency revenue per period in the range (by the events' own days), orders and paying customers: a customer
 * pays in a period (cut to the range) when their first paying day in it has no paying day before it in the same cut.
 */
export async function revenueByPeriod(db: Db, range: ValueRange): Promise<RevenuePeriod[]> {
  const from = range.from.slice(0, 10);
  const to = range.to.slice(0, 10);
  const period = periodOfDay(sql`day`, range.interval);
  const amounts = await db.rows<{ period: string; revenue: number; orders: number }>(sql`
    SELECT ${period} AS period, sum(amount) AS revenue, sum(orders) AS orders FROM revenue_scope_days
    WHERE ${scopeOf(range)} AND currency = '' AND day >= ${from} AND day < ${to} AND orders <> 0 GROUP BY period ORDER BY period`);
  const payers = await db.rows<{ period: string; customers: number }>(sql`
    SELECT ${period} AS period, sum(customers) AS customers FROM revenue_scope_payers
    WHERE ${scopeOf(range)} AND day >= ${from} AND day < ${to} AND prev_day < max(${from}, ${period}) GROUP BY period`);
  const payersOf = new Map(payers.map((row) => [row.period, row.customers]));
  return amounts.map((row) => ({ period: row.period, revenue: row.revenue, orders: row.orders, payingCustomers: payersOf.get(row.period) ?? 0 }));
}

/** Amounts in currencies without a rate in the range: reported apart, never added to the base-currency figures. */
export async function unconvertedRevenue(db: Db, range: ValueRange): Promise<UnconvertedRevenue[]> {
  return await db.rows<UnconvertedRevenue>(sql`
    SELECT currency, sum(amount) AS amount, sum(orders) AS orders FROM revenue_scope_days
    WHERE ${scopeOf(range)} AND day >= ${range.from.slice(0, 10)} AND day < ${range.to.slice(0, 10)} AND currency <> '' AND orders <> 0
    GROUP BY currency ORDER BY currency`);
}

/** Base-currency revenue and orders between two days (`YYYY-MM-DD`, end exclusive), in the filter. */
export async function revenueAndOrdersBetween(db: Db, fromDay: string, toDay: string, filter: ValueFilter): Promise<{ revenue: number; orders: number }> {
  const row = (await db.rows<{ revenue: number | null; orders: number | null }>(sql`
    SELECT sum(amount) AS revenue, sum(orders) AS orders FROM revenue_scope_days WHERE ${scopeOf(filter)} AND currency = '' AND day >= ${fromDay} AND day < ${toDay}`))[0];
  return { revenue: row?.revenue ?? 0, orders: row?.orders ?? 0 };
}

/** Revenue, orders and paying customers in the range, and the customers first seen before its end (ARPU's denominator). */
export async function revenueTotals(db: Db, range: ValueRange): Promise<{ revenue: number; orders: number; payingCustomers: number; customers: number }> {
  const from = range.from.slice(0, 10);
  const to = range.to.slice(0, 10);
  return { ...(await revenueAndOrdersBetween(db, from, to, range)), payingCustomers: await payersBetween(db, from, to, range), customers: await customersSeenBefore(db, range.to, range) };
}

/** Customers first seen before `before`, in the filter: whole days from the scope rollup (every range bound is a midnight UTC). */
export async function customersSeenBefore(db: Db, before: string, filter: ValueFilter): Promise<number> {
  if (before.endsWith('T00:00:00.000Z')) return await firstSeenBeforeDay(db, before.slice(0, 10), filter);
  const [row] = await db.rows<{ customers: number }>(sql`SELECT count(*) AS customers FROM customer_facts x WHERE x.first_seen_at < ${before} AND ${customerFilter(sql`x.customer_id`, filter)}`);
  return row?.customers ?? 0;
}

export type CustomerValue = { customerId: string; revenue: number; orders: number; firstPurchaseAt: string | null; lastPurchaseAt: string | null; unconverted: UnconvertedRevenue[] };

/** One customer's revenue to date (historical CLV) and their amounts in currencies without a rate. */
export async function customerValueOf(db: Db, customerId: string): Promise<CustomerValue> {
  const row = await db
    .prepare('SELECT revenue, orders, first_purchase_at AS firstPurchaseAt, last_purchase_at AS lastPurchaseAt FROM customer_value WHERE customer_id = ?')
    .get<{ revenue: number; orders: number; firstPurchaseAt: string; lastPurchaseAt: string }>(customerId);
  const unconverted = await db
    .prepare(`SELECT currency, sum(amount) AS amount, sum(orders) AS orders FROM customer_revenue_daily WHERE customer_id = ? AND currency <> '' GROUP BY currency ORDER BY currency`)
    .all<UnconvertedRevenue>(customerId);
  return { customerId, revenue: row?.revenue ?? 0, orders: row?.orders ?? 0, firstPurchaseAt: row?.firstPurchaseAt ?? null, lastPurchaseAt: row?.lastPurchaseAt ?? null, unconverted };
}
