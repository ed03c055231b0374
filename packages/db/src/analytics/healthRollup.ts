import type { AnalyticsSettings, HealthSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import type { AnalyticsEvent } from './rollupEvent';
import { advanceRescore, loadHealthSettings, pendingRescore } from './healthSettingsStore';
import { rescoreCustomer } from './healthRescore';
import { healthStatements } from './healthStatements';

/** How many customers one sweep rescores at most (due windows, then the everyone-rescore after a save). */
const SWEEP_BATCH = 500;

/** Keeps each customer's latest NPS answer (`survey_answered` of kind `nps`, by the event's own time) for the NPS rule. */
export function recordHealthEvent(db: Db, settings: AnalyticsSettings, event: AnalyticsEvent): void {
  void settings;
  if (event.name !== 'survey_answered' || event.properties.kind !== 'nps') return;
  const score = event.properties.score;
  if (typeof score !== 'number' || !(score >= 0 && score <= 10)) return;
  healthStatements(db).recordNps.run(event.customerId, score, event.timestamp);
}

/** Rescores each customer the batch touched (after every event of it was stored). */
export function afterHealthBatch(db: Db, settings: AnalyticsSettings, customerIds: ReadonlySet<string>, now: Date): void {
  void settings;
  const health = loadHealthSettings(db);
  if (health.rules.length === 0) return;
  for (const customerId of customerIds) rescoreCustomer(db, health, customerId, now);
}

/** Rescores the customers whose window dropped an event out, then the next slice of everyone after a settings save. */
export function sweepHealth(db: Db, settings: AnalyticsSettings, now: Date): void {
  void settings;
  const health = loadHealthSettings(db);
  const due = healthStatements(db).dueRechecks.all(now.toISOString(), SWEEP_BATCH) as string[];
  for (const customerId of due) rescoreCustomer(db, health, customerId, now);
  rescoreNextSlice(db, health, now, SWEEP_BATCH - due.length);
}

function rescoreNextSlice(db: Db, health: HealthSettings, now: Date, limit: number): void {
  const pending = pendingRescore(db);
  if (!pending || limit <= 0) return;
  const ids = healthStatements(db).customersAfter.all(pending.cursor, limit) as string[];
  for (const customerId of ids) rescoreCustomer(db, health, customerId, now);
  advanceRescore(db, pending.version, ids.at(-1) ?? pending.cursor, ids.length < limit);
}
