import type { AnalyticsSettings, HealthSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import type { AnalyticsEvent } from './rollupEvent';
import { advanceRescore, loadHealthSettings, pendingRescore } from './healthSettingsStore';
import { rescoreCustomer } from './healthRescore';
import { noteHealthEvent, rememberHealthRules, takeHealthTouched } from './healthRelevance';
import { healthStatements } from './healthStatements';

/** Customers whose window ended, rescored per sweep at most (the rest wait for the next sweep, soonest first). */
const DUE_BATCH = 500;
/**
 * Customers rescored per sweep after a settings save: about half a second of work under the sweep's write
 * transaction, so ingest is held up briefly; at 1M customers, every 5 s sweep, everyone is rescored in ~45 min.
 */
const RESCORE_BATCH = 2000;

/** Keeps each customer's latest NPS answer (`survey_answered` of kind `nps`, by the event's own time) for the NPS rule. */
export function recordHealthEvent(db: Db, settings: AnalyticsSettings, event: AnalyticsEvent): void {
  void settings;
  noteHealthEvent(db, event);
  if (event.name !== 'survey_answered' || event.properties.kind !== 'nps') return;
  // The same answers the surveys rollup accepts: an integer 0–10, or its digits as text (a score link's value).
  const raw = event.properties.score;
  const score = typeof raw === 'string' && /^\d{1,2}$/.test(raw) ? Number(raw) : raw;
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 0 || score > 10) return;
  healthStatements(db).recordNps.run(event.customerId, score, event.timestamp);
}

/** Rescores each customer the batch touched with an event that can change their score (after every event of it was stored). */
export function afterHealthBatch(db: Db, settings: AnalyticsSettings, customerIds: ReadonlySet<string>, now: Date): void {
  void settings;
  const health = loadHealthSettings(db);
  const noted = takeHealthTouched(db, customerIds);
  // Judged by another definition (the first batch, or after a save): every customer of the batch is rescored.
  const relevant = rememberHealthRules(db, health) ? [...customerIds] : noted;
  if (health.rules.length === 0) return;
  for (const customerId of relevant) rescoreCustomer(db, health, customerId, now);
}

/** Rescores the customers whose window dropped an event out, then the next slice of everyone after a settings save. */
export function sweepHealth(db: Db, settings: AnalyticsSettings, now: Date): void {
  void settings;
  const health = loadHealthSettings(db);
  const due = healthStatements(db).dueRechecks.all(now.toISOString(), DUE_BATCH) as string[];
  for (const customerId of due) rescoreCustomer(db, health, customerId, now);
  rescoreNextSlice(db, health, now, RESCORE_BATCH);
}

function rescoreNextSlice(db: Db, health: HealthSettings, now: Date, limit: number): void {
  const pending = pendingRescore(db);
  if (!pending || limit <= 0) return;
  const ids = healthStatements(db).customersAfter.all(pending.cursor, limit) as string[];
  for (const customerId of ids) rescoreCustomer(db, health, customerId, now);
  advanceRescore(db, pending.version, ids.at(-1) ?? pending.cursor, ids.length < limit);
}
