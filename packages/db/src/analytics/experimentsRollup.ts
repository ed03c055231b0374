import { revenueAmount, type AnalyticsSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import { assignGlobalControl, assignStoredCustomers } from './experimentsGlobalControl';
import type { AnalyticsEvent } from './rollupEvent';
import { preparedPerDb } from '../preparedPerDb';
import type { RawStatement } from '../access/rawStatement';

const addRevenueStatement = preparedPerDb(
  (db): RawStatement =>
    db.prepare(
      `INSERT INTO customer_revenue_days (day, customer_id, revenue) VALUES (?, ?, ?)
       ON CONFLICT (day, customer_id) DO UPDATE SET revenue = customer_revenue_days.revenue + excluded.revenue`,
    ),
);

/** Revenue per customer and day (base currency, the event's own day): the global control group's revenue comparison. */
export async function recordExperimentsEvent(db: Db, settings: AnalyticsSettings, event: AnalyticsEvent): Promise<void> {
  const amount = revenueAmount(settings, event);
  // Unconverted currencies are left out here as everywhere: adding unlike money would skew the comparison.
  if (amount?.kind !== 'base') return;
  await addRevenueStatement(db).run(event.timestamp.slice(0, 10), event.customerId, amount.amount);
}

/** Customers seen for the first time since a control share was set are assigned now (first sight). */
export async function afterExperimentsBatch(db: Db, settings: AnalyticsSettings, customerIds: ReadonlySet<string>, now: Date): Promise<void> {
  if (settings.globalControlShare <= 0) return;
  for (const customerId of customerIds) await assignGlobalControl(db, settings, customerId, now);
}

/** Assigns, a chunk per sweep, the customers stored before a control share was set. */
export async function sweepExperiments(db: Db, settings: AnalyticsSettings, now: Date): Promise<void> {
  await assignStoredCustomers(db, settings, now);
}
