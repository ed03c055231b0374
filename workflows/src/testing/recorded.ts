import type { RunRecord, StepRecord } from '../activities';
import type { MemoryWorld } from './memoryActivities';

/** Every recordProgress call of a run, in order. */
export function progressCalls(world: MemoryWorld, workflowId: string): { run: RunRecord; step?: StepRecord }[] {
  return world.progress.get(workflowId) ?? [];
}

/** The steps a run finished, in order (an entry and its exit share a seq; this keeps the exit). */
export function finishedSteps(world: MemoryWorld, workflowId: string): StepRecord[] {
  return progressCalls(world, workflowId).flatMap((call) => (call.step?.leftAt ? [call.step] : []));
}

/** The run row as last recorded. */
export function lastRun(world: MemoryWorld, workflowId: string): RunRecord | undefined {
  return progressCalls(world, workflowId).at(-1)?.run;
}
