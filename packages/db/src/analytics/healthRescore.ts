import { scoreHealth, type HealthBand, type HealthSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import { internalEventId } from '../queries/lifecycle';
import { healthInputsOf } from './healthInputs';
import { loadHealthSettings } from './healthSettingsStore';
import { healthStatements } from './healthStatements';

/**
 * Recomputes one customer's score from the current definition and stores it when it changed: the current row,
 * a history row and, when the band changed, a `health_changed` event that the dispatcher
 * hands to journeys (like `stage_entered`). Queues the customer for when a window next drops an event out.
 */
export async function rescoreCustomer(db: Db, settings: HealthSettings, customerId: string, now: Date): Promise<void> {
  const statements = healthStatements(db);
  const at = now.toISOString();
  const inputs = await healthInputsOf(db, settings, customerId, now);
  const result = scoreHealth(settings, inputs.observed);
  const dueAt = result === undefined ? null : inputs.changesAt;
  const state = (await statements.stateOf.get(customerId)) as { score: number | null; band: HealthBand | null; dueAt: string | null };
  // Most rescores leave the due time as it was: a read is cheaper than a write on the ingest path.
  if (state.dueAt !== dueAt) {
    if (dueAt === null) await statements.clearRecheck.run(customerId);
    else await statements.setRecheck.run(customerId, dueAt);
  }
  const current = state.score === null || state.band === null ? undefined : { score: state.score, band: state.band };
  // No rules any more: no score and no history (the NPS answer is an input, it stays).
  if (result === undefined) {
    if (current) await forgetCustomerHealth(db, customerId, { keepInputs: true });
    return;
  }
  if (current && current.score === result.score && current.band === result.band) return;
  await statements.saveCurrent.run(customerId, result.score, result.band, at);
  await statements.addHistory.run(customerId, result.score, result.band, current?.band ?? null, at);
  // A first score is not a change, nor is a new score in the same band: nothing to tell journeys.
  if (!current || current.band === result.band) return;
  const id = internalEventId(now.getTime());
  const properties = { from: current.band, to: result.band, score: result.score, previousScore: current.score };
  await statements.insertEvent.run(id, `health:${id}`, customerId, JSON.stringify(properties), at, at);
}

/** A recheck due before any other: the next sweep takes it first (and the file reads the same whenever it was set). */
const AT_ONCE = '1970-01-01T00:00:00.000Z';

/**
 * Has the lifecycle sweep rescore the customer on its next pass (a change outside the applier's batches: a merge),
 * when a score is defined at all.
 */
export async function recheckHealthSoon(db: Db, customerId: string): Promise<void> {
  if ((await loadHealthSettings(db)).rules.length === 0) return;
  await healthStatements(db).setRecheck.run(customerId, AT_ONCE);
}

/** Forgets a customer's health (GDPR delete, or merged into another customer): rows gone through their tables, whose triggers keep the keyed band counts. */
export async function forgetCustomerHealth(db: Db, customerId: string, options: { keepInputs?: boolean } = {}): Promise<void> {
  const tables = ['customer_health', 'health_history', 'health_rechecks', ...(options.keepInputs ? [] : ['health_nps'])];
  for (const table of tables) await db.prepare(`DELETE FROM ${table} WHERE customer_id = ?`).run(customerId);
}
