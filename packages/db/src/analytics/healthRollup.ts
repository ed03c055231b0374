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
export async function recordHealthEvent(db: Db, settings: AnalyticsSettings, event: AnalyticsEvent): Promise<void> {
  void settings;
  await noteHealthEvent(db, event);
  if (event.name !== 'survey_answered' || event.properties.kind !== 'nps') return;
  // The same answers the surveys rollup accepts: an integer 0–10, or its digits as text (a score link's value).
  const raw = event.properties.score;
  const score = typeof raw === 'string' && /^\d{1,2}$/.test(raw) ? Number(raw) : raw;
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 0 || score > 10) return;
  await healthStatements(db).recordNps.run(event.customerId, score, event.timestamp);
}

/** Rescores each customer the batch touched with an event that can change their score (after every event of it was stored). */
export async function afterHealthBatch(db: Db, settings: AnalyticsSettings, customerIds: ReadonlySet<string>, now: Date): Promise<void> {
  void settings;
  const health = await loadHealthSettings(db);
  const noted = await takeHealthTouched(db, customerIds);
  // Judged by another definition (the first batch, or after a save): every customer of the batch is rescored.
  const relevant = (await rememberHealthRules(db, health)) ? [...customerIds] : noted;
  if (health.rules.length === 0) return;
  for (const customerId of relevant) await rescoreCustomer(db, health, customerId, now);
}

/** Rescores the customers whose window dropped an event out, then the next slice of everyone after a settings save. */
export async function sweepHealth(db: Db, settings: AnalyticsSettings, now: Date): Promise<void> {
  void settings;
  const health = await loadHealthSettings(db);
  const due = await healthStatements(db).dueRechecks.all<string>(now.toISOString(), DUE_BATCH);
  for (const customerId of due) await rescoreCustomer(db, health, customerId, now);
  await rescoreNextSlice(db, health, now, RESCORE_BATCH);
}

async function rescoreNextSlice(db: Db, health: HealthSettings, now: Date, limit: number): Promise<void> {
  const pending = await pendingRescore(db);
  if (!pending || limit <= 0) return;
  const ids = await healthStatements(db).customersAfter.all<string>(pending.cursor, limit);
  for (const customerId of ids) await rescoreCustomer(db, health, customerId, now);
  await advanceRescore(db, pending.version, ids.at(-1) ?? pending.cursor, ids.length < limit);
}
