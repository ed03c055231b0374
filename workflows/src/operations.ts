import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import type { JourneyNode } from '@lifecycle/journey';
import { allowContinuing, continueDue, ContinueRun, takeWaitResume } from './continuation';
import { recordExit, recordHold, recordRelease } from './progress';
import type { RunMigration } from './messages';
import type { RunState } from './runState';
import { runStep } from './steps/runStep';
import type { StepResult } from './steps/stepResult';

/**
 * Journey operations as the run sees them: hold (journey paused with "hold"), migrate (to a newer version by a node
 * mapping) and exit (on publish). All three arrive as signals, so replay reads them from history; none of this emits
 * a command unless such a signal arrived, which is why histories recorded before it replay unchanged.
 */

/** Thrown to end the run as cancelled with the reason an admin gave ("exited on publish of v3"). */
export class RunExited extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RunExited';
  }
}

/** The node of the migration's graph that `node` maps to, if the mapping covers it. */
function targetOf(migration: RunMigration, node: JourneyNode): JourneyNode | undefined {
  const targetId = migration.nodes[node.id];
  return targetId === undefined ? undefined : migration.graph.nodes.find((candidate) => candidate.id === targetId);
}

/** Nodes a run can spend a long time in: a pending migration or an exit wakes them. */
export function isWaiting(node: JourneyNode): boolean {
  return node.type === 'wait' || node.type === 'wait_for_event';
}

/** Moves the run to the migration's version: one step records the move; the run goes on at the target node. */
async function migrate(state: RunState, node: JourneyNode, migration: RunMigration, target: JourneyNode): Promise<JourneyNode> {
  state.migration = null;
  const from = { versionId: state.input.versionId, version: state.input.version, nodeId: node.id };
  state.input = { ...state.input, versionId: migration.versionId, version: migration.version, graph: migration.graph };
  const result: StepResult = {
    exit: null,
    outcome: `moved from v${from.version} ${node.id} to v${migration.version} ${target.id} by ${migration.by}`,
    detail: { migration: { fromVersionId: from.versionId, fromVersion: from.version, fromNodeId: from.nodeId, toVersionId: migration.versionId, toVersion: migration.version, toNodeId: target.id, by: migration.by } },
  };
  await recordExit(state, node, result, null);
  return target;
}

/** Whether an operation (exit, hold, migration) has arrived for the next step boundary to act on. */
export function operationPending(state: RunState): boolean {
  return state.exitReason !== null || state.hold !== null || state.migration !== null;
}

/**
 * What happens before the run starts `node`: an exit ends it, a hold keeps it here until released, a pending
 * migration mapping `node` moves it. Answers the node to run. Only needed when `operationPending`.
 */
export async function atStepBoundary(state: RunState, node: JourneyNode): Promise<JourneyNode> {
  if (state.exitReason) throw new RunExited(state.exitReason);
  if (state.hold) {
    const reason = state.hold;
    // A hold can last weeks while events arrive: like a wait, it may continue as new, and resumes without a new record.
    const resume = takeWaitResume(state, node.id, 'hold');
    const heldSince = resume?.startedMs ?? Date.now();
    if (!resume) {
      allowContinuing(state);
      await recordHold(state, node, reason);
    }
    await condition(() => state.hold === null || state.exitReason !== null || continueDue(state));
    if (state.exitReason) throw new RunExited(state.exitReason);
    if (state.hold !== null) throw new ContinueRun({ kind: 'hold', nodeId: node.id, startedMs: heldSince });
    await recordRelease(state, node, reason, heldSince);
  }
  const target = state.migration && targetOf(state.migration, node);
  if (state.migration && target) return migrate(state, node, state.migration, target);
  return node;
}

export type StepOutcome = { kind: 'done'; result: StepResult } | { kind: 'moved'; next: JourneyNode };

/**
 * Runs one step; a wait also ends early when an exit or a migration mapping this node arrives (its scope is
 * cancelled; the wait steps need not know). A cancellation of the run itself still propagates.
 */
export async function runOperableStep(node: JourneyNode, state: RunState): Promise<StepOutcome> {
  if (!isWaiting(node)) return { kind: 'done', result: await runStep(node, state) };
  const interrupts = () => state.exitReason !== null || (state.migration !== null && targetOf(state.migration, node) !== undefined && state.openStep?.nodeId === node.id);
  const stepScope = new CancellationScope();
  const watchScope = new CancellationScope();
  let interrupted = false;
  const watching = watchScope
    .run(() => condition(interrupts))
    .then(
      () => {
        interrupted = true;
        stepScope.cancel();
      },
      () => undefined, // the step ended first and stopped the watch
    );
  try {
    const result = await stepScope.run(async () => runStep(node, state));
    return { kind: 'done', result };
  } catch (error) {
    if (!(interrupted && isCancellation(error))) throw error;
    if (state.exitReason) throw new RunExited(state.exitReason);
    const migration = state.migration;
    const target = migration && targetOf(migration, node);
    if (!migration || !target) throw error; // unreachable: the watch fired for one of the two
    return { kind: 'moved', next: await migrate(state, node, migration, target) };
  } finally {
    watchScope.cancel();
    await watching;
  }
}
