import { evaluateCondition, type JourneyGoal } from '@lifecycle/journey';
import type { CustomerSnapshot } from './activities';
import { factsFor } from './facts';
import type { RunEvent } from './messages';

/**
 * True when an event reaches the journey's goal. Signal handlers cannot load the customer, so rules on the
 * customer see them as this run last loaded them (none loaded: no traits).
 */
export function reachesGoal(goal: JourneyGoal | undefined, event: RunEvent, customer: CustomerSnapshot | null): boolean {
  if (!goal || event.name !== goal.event) return false;
  return !goal.conditions || evaluateCondition(goal.conditions, factsFor(customer, event)).matched;
}
