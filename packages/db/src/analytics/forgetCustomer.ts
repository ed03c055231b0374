import type { Db } from '../client';
import { detachCustomerKeys } from './customerKeys';
import { forgetCustomerJourneys } from './forgetJourneys';
import { forgetCustomerRetention } from './forgetRetention';

/**
 * Per-customer rows their events built, deleted through their tables so the triggers uncount them from the keyed
 * rollups (revenue scopes, survey keys and score days, global control cells).
 */
const EVENT_TABLES = ['customer_value', 'customer_revenue_daily', 'customer_revenue_days', 'survey_answers'] as const;

/**
 * Takes out everything a customer's events added to the analytics rollups (a merge re-adds them under the customer
 * they merged into). Their segment and channel keys must be detached first (`detachCustomerKeys`).
 */
export async function forgetCustomerEventAnalytics(db: Db, customerId: string): Promise<void> {
  await forgetCustomerRetention(db, customerId);
  for (const table of EVENT_TABLES) await db.prepare(`DELETE FROM ${table} WHERE customer_id = ?`).run(customerId);
}

/**
 * A deleted customer leaves every analytics figure: afterwards each rollup holds what it would if they had never
 * been here. Called before their events, runs, steps and deliveries are deleted (the counters are uncounted from them).
 */
export async function forgetCustomerAnalytics(db: Db, customerId: string): Promise<void> {
  await detachCustomerKeys(db, customerId);
  await forgetCustomerEventAnalytics(db, customerId);
  await forgetCustomerJourneys(db, customerId);
  await db.prepare('DELETE FROM global_control WHERE customer_id = ?').run(customerId);
}
