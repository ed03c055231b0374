import { isEntryBackfill } from './entry';
import { evaluateCondition, type Facts } from './conditions';
import { DEFAULT_GOAL_WINDOW, durationMs, type GoalWindow, type JourneyGoal } from './schema';
import { SEGMENT_ENTERED, SEGMENT_EXITED } from './segments';

/** The event name that can reach a goal: the goal's event, or the segment event it waits for. */
export function goalEventName(goal: JourneyGoal): string {
  switch (goal.kind) {
    case undefined:
    case 'event':
      return goal.event;
    case 'segment_entered':
      return SEGMENT_ENTERED;
    case 'segment_exited':
      return SEGMENT_EXITED;
    default: {
      const unknownGoal: never = goal;
      throw new Error(`unknown goal ${JSON.stringify(unknownGoal)}`);
    }
  }
}

/** True when the event (with the customer in `facts`) reaches the goal. */
export function reachesGoalEvent(goal: JourneyGoal, facts: Facts & { event: NonNullable<Facts['event']> }): boolean {
  if (facts.event.name !== goalEventName(goal)) return false;
  // Entering those already in a segment at publish is an entry, not a customer joining it: it reaches no goal.
  if (isEntryBackfill(facts.event)) return false;
  if ('segmentId' in goal) return facts.event.properties.segmentId === goal.segmentId;
  return !goal.conditions || evaluateCondition(goal.conditions, facts).matched;
}

/** The window the analytics count a conversion in: the goal's own, or the default for goals saved without one. */
export function goalWindowOf(goal: JourneyGoal): GoalWindow {
  return goal.window ?? DEFAULT_GOAL_WINDOW;
}

/** The window in milliseconds. */
export function goalWindowMs(goal: JourneyGoal): number {
  return durationMs(goalWindowOf(goal));
}
