import { patchAnswer } from './patches';
import { reachesGoalEvent, type JourneyGoal } from '@lifecycle/journey';
import { factsFor } from './facts';
import type { RunEvent } from './messages';
import type { RunState } from './runState';
import { scaledMs } from './timing';

/**
 * Goals with a conversion window stop counting once it has passed since the run started (workflow time). Only
 * versions published with a window reach this; the marker keeps histories from before it replaying as they ran.
 */
export const GOAL_WINDOW_PATCH = 'journey-goal-conversion-window';

/**
 * True when an event reaches the journey's goal. Signal handlers cannot load the customer, so rules on the
 * customer see them as this run last loaded them (none loaded: no traits).
 */
export function reachesGoal(goal: JourneyGoal | undefined, event: RunEvent, state: RunState): boolean {
  if (!goal) return false;
  const facts = factsFor(state.customer, event);
  if (!facts.event || !reachesGoalEvent(goal, { ...facts, event: facts.event })) return false;
  if (goal.window && patchAnswer(state, GOAL_WINDOW_PATCH)) return Date.now() - Date.parse(state.startedAt) <= scaledMs(state, goal.window);
  return true;
}
