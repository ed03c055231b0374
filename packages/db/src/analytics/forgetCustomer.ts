import type { Db } from '../client';

/**
 * Per-customer analytics rows, removed with the customer's events when a customer is deleted (their data leaves
 * with them; period totals already counted stay, as they name nobody). Each table is read by its customer index.
 */
const PER_CUSTOMER_TABLES = [
  'customer_facts',
  'customer_value',
  'customer_revenue_daily',
  'customer_revenue_days',
  'survey_answers',
  'global_control',
  'run_conversions',
  'journey_run_windows',
] as const;

export function forgetCustomerAnalytics(db: Db, customerId: string): void {
  for (const table of PER_CUSTOMER_TABLES) db.$client.prepare(`DELETE FROM ${table} WHERE customer_id = ?`).run(customerId);
}
