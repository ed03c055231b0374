import { revenueAmount, type AnalyticsSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import type { AnalyticsEvent } from './rollupEvent';
import { preparedPerDb } from '../preparedPerDb';
import type { RawStatement } from '../access/rawStatement';

function prepareAll(db: Db) {
  const sql = (text: string) => db.prepare(text);
  return {
    addDaily: sql(
      `INSERT INTO customer_revenue_daily (customer_id, day, currency, amount, orders) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (customer_id, day, currency) DO UPDATE SET amount = customer_revenue_daily.amount + excluded.amount, orders = customer_revenue_daily.orders + 1`,
    ),
    addCustomer: sql(
      `INSERT INTO customer_value (customer_id, revenue, orders, first_purchase_at, last_purchase_at) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET revenue = customer_value.revenue + excluded.revenue, orders = customer_value.orders + 1,
         first_purchase_at = min(customer_value.first_purchase_at, excluded.first_purchase_at), last_purchase_at = max(customer_value.last_purchase_at, excluded.last_purchase_at)`,
    ),
  } satisfies Record<string, RawStatement>;
}

const statements = preparedPerDb(prepareAll);

/**
 * Keeps the value rollups current as each event is stored (inside the ingest transaction): a revenue event adds to
 * its customer's day (by the event's own timestamp) and, when in the base currency, to their revenue to date.
 * Every other event costs one settings lookup and nothing in SQL.
 */
export async function recordValueEvent(db: Db, settings: AnalyticsSettings, event: AnalyticsEvent): Promise<void> {
  const revenue = revenueAmount(settings, event);
  if (revenue === null) return;
  const prepared = statements(db);
  const day = event.timestamp.slice(0, 10);
  switch (revenue.kind) {
    case 'base':
      await prepared.addDaily.run(event.customerId, day, '', revenue.amount);
      await prepared.addCustomer.run(event.customerId, revenue.amount, event.timestamp, event.timestamp);
      return;
    case 'unconverted':
      await prepared.addDaily.run(event.customerId, day, revenue.currency, revenue.amount);
      return;
    default: {
      const never: never = revenue;
      throw new Error(`unknown revenue kind ${String(never)}`);
    }
  }
}
