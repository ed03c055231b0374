import { Worker } from '@temporalio/worker';
import { journeyWorkflowBundle } from '../../../tests/support/workflowBundle';
import { progressSinks } from '../progressSinkWriter';

/**
 * Replays a recorded history on the code as it is now: rejects with a nondeterminism error when the code would do
 * otherwise than the history says. The progress sink is registered, as on a real worker (replay never calls it).
 */
export async function replayOnCurrentCode(history: unknown, workflowId: string): Promise<void> {
  await Worker.runReplayHistory({ workflowBundle: await journeyWorkflowBundle(), sinks: progressSinks(() => Promise.resolve()) }, history, workflowId);
}
