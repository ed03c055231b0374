import { condition } from '@temporalio/workflow';
import { evaluateCondition, goalEventName, historyRulesOf, isEntryBackfill, type ConditionGroup, type JourneyGoal } from '@lifecycle/journey';
import { factsFor, readHistoryFor } from './facts';
import type { RunEvent } from './messages';
import { hasEnded, type RunState } from './runState';
import { scaledMs } from './timing';

/** The goal's conditions when they read stored history (which a signal handler cannot read); else undefined. */
export function goalHistoryConditions(goal: JourneyGoal | undefined): ConditionGroup | undefined {
  if (!goal || !('conditions' in goal) || !goal.conditions) return undefined;
  return historyRulesOf(goal.conditions).length > 0 ? goal.conditions : undefined;
}

/** Whether an event could reach a goal whose conditions read history: its name, not a backfill, inside the window. */
export function goalCandidate(goal: JourneyGoal, event: RunEvent, state: RunState): boolean {
  if (event.name !== goalEventName(goal) || isEntryBackfill(event)) return false;
  return !goal.window || Date.now() - Date.parse(state.startedAt) <= scaledMs(state, goal.window);
}

/**
 * Checks goal candidates as they arrive, beside the run's own steps: reads the history the goal's conditions need
 * through the same local activity a split uses, and sets the run's goal event when they hold (every wait wakes for
 * it). Started only for goals with history conditions, which publishing refused before this existed, so no earlier
 * history meets it.
 */
export async function watchGoalHistory(state: RunState): Promise<void> {
  const candidates = state.goalCandidates;
  for (;;) {
    await condition(() => candidates.length > 0 || state.goalEvent !== null || hasEnded(state));
    if (state.goalEvent !== null || hasEnded(state)) return;
    // Busy from taking the candidate until it is decided: a run does not continue as new in between (continuation.ts).
    state.goalCheckBusy = true;
    try {
      const event = candidates.shift();
      // The goal as the run's version has it now (a migration may have changed it).
      const conditions = goalHistoryConditions(state.input.graph.goal);
      if (!event || !conditions) continue;
      // A history read that fails for good (after the activity's retries) leaves this candidate unconverted, never the run failed.
      const history = await readHistoryFor(state, [conditions]).catch(() => null);
      if (history === null) continue;
      if (state.goalEvent === null && !hasEnded(state) && evaluateCondition(conditions, factsFor(state.customer, event, history)).matched) state.goalEvent = event;
    } finally {
      state.goalCheckBusy = false;
    }
  }
}
