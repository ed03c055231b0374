import type { JourneyRunInput } from './messages';
import { PROGRESS_SINK_PATCH } from './progressSink';
import { initialRunState, type RunState } from './runState';
import { EARLIER_ENGAGEMENT_PATCH } from './steps/awaitedEvent';
import { CONTROL_ARM_PATCH, PROMOTED_ARM_PATCH } from './steps/randomSplit';
import { SEND_CARRIES_PROGRESS_PATCH } from './steps/sendEmail';
import { GOAL_WINDOW_PATCH } from './goal';

/**
 * Runs started with this patch take every patch before it without asking each: a patch asked costs a run a marker
 * and an update of its search attributes (`TemporalChangeVersion`, which Temporal indexes) in its history, and a
 * run of today's code asked up to seven (batched progress at its start, then each of these on the way). A fresh run
 * would answer yes to each anyway. Runs recorded before the baseline do not find its marker and ask as they did.
 * A later patch is asked on its own as before; once there are several, a newer baseline asked first can take them.
 */
export const PATCH_BASELINE = 'patch-baseline-1';

/** The lazily asked patches the baseline answers (see `patchAnswer`). */
const BASELINE_PATCHES = [SEND_CARRIES_PROGRESS_PATCH, PROGRESS_SINK_PATCH, EARLIER_ENGAGEMENT_PATCH, CONTROL_ARM_PATCH, PROMOTED_ARM_PATCH, GOAL_WINDOW_PATCH];

/**
 * A new run's state when it got the baseline: every patch the baseline covers answered yes (batched progress,
 * continue-as-new and the lazily asked ones) from its one marker.
 */
export function baselineRunState(input: JourneyRunInput, workflowId: string): RunState {
  const state = initialRunState(input, workflowId, true); // BATCHED_PROGRESS_PATCH (journeyRun.ts)
  state.mayContinue = true; // CONTINUE_AS_NEW_PATCH (continuation.ts), asked at a run's first wait otherwise
  for (const patchId of BASELINE_PATCHES) state.patches[patchId] = true;
  return state;
}
