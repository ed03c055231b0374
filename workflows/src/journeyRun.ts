import { ApplicationFailure, CancellationScope, condition, continueAsNew, isCancellation, patched, setHandler, TemporalFailure, workflowInfo } from '@temporalio/workflow';
import type { JourneyGraph } from '@lifecycle/journey';
import { ContinueRun, continuedInput } from './continuation';
import { reachesGoal } from './goal';
import { goalCandidate, goalHistoryConditions, watchGoalHistory } from './goalHistory';
import { GraphWalk } from './graphWalk';
import { customerEventSignal, exitSignal, holdSignal, migrateSignal, progressQuery, skipWaitSignal, type JourneyRunInput, type RunStatus } from './messages';
import { atStepBoundary, isWaiting, operationPending, runOperableStep, RunExited } from './operations';
import { flushProgress, recordAbort, recordExit } from './progress';
import { baselineRunState, PATCH_BASELINE } from './patchBaseline';
import { carriedRunState, hasEnded, initialRunState, progressOf, type RunState } from './runState';
import { runStep } from './steps/runStep';
import type { StepResult } from './steps/stepResult';

/**
 * Runs started after this patch write progress once per step boundary (an exit with the next entry) and send email
 * as a local activity first: trigger → send → exit takes one workflow task and two progress writes instead of two
 * workflow tasks, an activity task and four writes. Runs started before it replay their own history unchanged.
 */
export const BATCHED_PROGRESS_PATCH = 'batched-progress-local-send';

/** The walk over the run's graph, rebuilt when a migration replaces the graph. */
function walker(): (graph: JourneyGraph) => GraphWalk {
  let walk: GraphWalk | null = null;
  let of: JourneyGraph | null = null;
  return (graph) => {
    if (!walk || of !== graph) [walk, of] = [new GraphWalk(graph), graph];
    return walk;
  };
}

/** Walks the pinned graph from the trigger until an exit, or the goal, ends the run. */
async function interpret(state: RunState): Promise<RunStatus> {
  const walkOf = walker();
  const resumeAt = state.resumeWait?.nodeId ?? state.input.resumeAt;
  let node = (resumeAt && state.input.graph.nodes.find((candidate) => candidate.id === resumeAt)) || walkOf(state.input.graph).trigger();
  // A continued run goes straight back into the wait it was in: that step's boundary was crossed in an earlier history
  // (a run continued while held goes back into the hold, at the boundary).
  let crossed = state.resumeWait !== null && state.resumeWait.kind !== 'hold';
  for (;;) {
    // The path awaits only what is pending (an operation to act on, a step that takes time, a write): each promise a
    // workflow makes costs a captured stack trace in Temporal's sandbox, and an instant node needs none.
    if (!crossed && operationPending(state)) node = await atStepBoundary(state, node);
    crossed = false;
    let result: StepResult;
    if (isWaiting(node)) {
      const outcome = await runOperableStep(node, state);
      if (outcome.kind === 'moved') {
        node = outcome.next;
        continue;
      }
      result = outcome.result;
    } else {
      const ran = runStep(node, state);
      result = ran instanceof Promise ? await ran : ran;
    }
    // The goal is checked at every step boundary (waits also wake for it), and ends the run in the same record.
    const endStatus = state.goalEvent ? 'converted' : result.exit === null ? 'completed' : null;
    const recorded = state.goalEvent
      ? { ...result, detail: { ...result.detail, goalEventId: state.goalEvent.id, goalEventName: state.goalEvent.name } }
      : result;
    const written = recordExit(state, node, recorded, endStatus);
    if (written) await written;
    if (endStatus) return endStatus;
    if (result.exit === null) throw new Error(`node ${node.id} ended the run without a status`); // unreachable
    node = walkOf(state.input.graph).next(node, result.exit);
  }
}

/**
 * One customer's run of one journey version: interprets the graph it was started with (or migrated to), records
 * every step, and ends completed, converted (goal reached), cancelled (or exited) or failed.
 */
export async function journeyRun(input: JourneyRunInput): Promise<RunStatus> {
  // Asked first, before any command: a run started before the patch replays as it was recorded, throughout. A
  // continued run carries its answers; a new one gets them all from the baseline's one marker.
  const carried = input.carried;
  const workflowId = workflowInfo().workflowId;
  const state = carried
    ? carriedRunState(input, workflowId, carried)
    : patched(PATCH_BASELINE)
      ? baselineRunState(input, workflowId)
      : initialRunState(input, workflowId, patched(BATCHED_PROGRESS_PATCH));
  let goalWatcher: Promise<void> | undefined;
  setHandler(customerEventSignal, (event) => {
    // A retried dispatch may deliver the same stored event twice; it counts once.
    if (state.events.some((seen) => seen.id === event.id)) return;
    state.events.push(event);
    state.eventArrivals.push(Date.now()); // workflow time: deterministic on replay
    if (state.goalEvent || hasEnded(state)) return;
    const goal = state.input.graph.goal;
    if (goal && goalHistoryConditions(goal)) {
      // History cannot be read in a handler: the candidate is checked beside the steps, started on the first one.
      if (!goalCandidate(goal, event, state)) return;
      state.goalCandidates.push(event);
      goalWatcher ??= watchGoalHistory(state);
    } else if (reachesGoal(goal, event, state)) state.goalEvent = event;
  });
  setHandler(skipWaitSignal, () => {
    state.skipRequested = true;
  });
  setHandler(holdSignal, ({ held, reason }) => {
    state.hold = held ? reason : null;
  });
  setHandler(migrateSignal, (migration) => {
    // A migration meant for the version the run is on; a repeated or stale one (the run already moved) is ignored.
    if (migration.fromVersionId === state.input.versionId && !hasEnded(state)) state.migration = migration;
  });
  setHandler(exitSignal, ({ reason }) => {
    if (!hasEnded(state)) state.exitReason ??= reason;
  });
  setHandler(progressQuery, () => progressOf(state));
  try {
    return await interpret(state);
  } catch (error) {
    if (error instanceof ContinueRun) {
      // A goal candidate that arrived in the same workflow task as the wake-up is decided first (its check reads
      // history through an activity, which a new history would not redo): a goal it reaches is carried, and the
      // resumed wait ends on it at once.
      await condition(() => state.goalCandidates.length === 0 && !state.goalCheckBusy);
      // The records so far are written first: the next history starts from the state they describe.
      await flushProgress(state);
      return await continueAsNew<typeof journeyRun>(continuedInput(state, error.wait, (carried?.continued ?? 0) + 1));
    }
    if (error instanceof RunExited) {
      await recordAbort(state, 'cancelled', error.reason);
      return 'cancelled';
    }
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(() => recordAbort(state, 'cancelled', null));
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    await recordAbort(state, 'failed', message);
    // A plain Error would fail only the workflow task and retry it forever; the run is over, so fail the workflow.
    if (error instanceof TemporalFailure) throw error;
    throw ApplicationFailure.create({ message, type: 'JourneyRunError', nonRetryable: true, cause: error instanceof Error ? error : undefined });
  }
}
