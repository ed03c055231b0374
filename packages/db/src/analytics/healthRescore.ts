import { scoreHealth, type HealthBand, type HealthSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import { internalEventId } from '../queries/lifecycle';
import { healthInputsOf } from './healthInputs';
import { healthStatements } from './healthStatements';

/**
 * Recomputes one customer's score from the current definition and stores it when it changed: the current row,
 * a history row, the per-day band counts and, when the band changed, a `health_changed` event that the dispatcher
 * hands to journeys (like `stage_entered`). Queues the customer for when a window next drops an event out.
 */
export function rescoreCustomer(db: Db, settings: HealthSettings, customerId: string, now: Date): void {
  const statements = healthStatements(db);
  const at = now.toISOString();
  const inputs = healthInputsOf(db, settings, customerId, now);
  const result = scoreHealth(settings, inputs.observed);
  if (inputs.changesAt === null || result === undefined) statements.clearRecheck.run(customerId);
  else statements.setRecheck.run(customerId, inputs.changesAt);
  const current = statements.current.get(customerId) as { score: number; band: HealthBand } | undefined;
  if (result === undefined) {
    if (current) {
      statements.deleteCurrent.run(customerId);
      statements.bandDelta.run(at.slice(0, 10), current.band, -1);
    }
    return;
  }
  if (current && current.score === result.score && current.band === result.band) return;
  statements.saveCurrent.run(customerId, result.score, result.band, at);
  statements.addHistory.run(customerId, result.score, result.band, current?.band ?? null, at);
  if (current?.band === result.band) return;
  statements.bandDelta.run(at.slice(0, 10), result.band, 1);
  if (!current) return; // A first score is not a change: nothing to tell journeys.
  statements.bandDelta.run(at.slice(0, 10), current.band, -1);
  const id = internalEventId(now.getTime());
  const properties = { from: current.band, to: result.band, score: result.score, previousScore: current.score };
  statements.insertEvent.run(id, `health:${id}`, customerId, JSON.stringify(properties), at, at);
}
