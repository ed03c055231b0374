import { workflowInfo } from '@temporalio/workflow';
import { patchAnswer } from '../patches';
import { pickArm, type NodeOf } from '@lifecycle/journey';
import type { RunState } from '../runState';
import type { StepResult } from './stepResult';

/** Runs recorded before these existed never took a control or promoted arm: the patches keep their replays identical. */
export const CONTROL_ARM_PATCH = 'experiments-control-arm';
export const PROMOTED_ARM_PATCH = 'experiments-promoted-arm';

/**
 * A weighted arm chosen from the workflow id and node id, so the same run always takes the same arm; once a winner
 * was promoted, every new run takes it. Taking the control arm holds the run out of every later send.
 */
export function randomSplitStep(node: NodeOf<'random_split'>, state: RunState): StepResult {
  const picked = pickArm(node, `${workflowInfo().workflowId}/${node.id}`); // per run, and independent between splits;
  const promoted = node.promotedArm !== undefined && patchAnswer(state, PROMOTED_ARM_PATCH);
  const armId = promoted && node.promotedArm !== undefined ? node.promotedArm : picked;
  const arm = node.arms.find((candidate) => candidate.id === armId);
  const control = arm?.control === true && patchAnswer(state, CONTROL_ARM_PATCH);
  if (control) state.inControlArm = true;
  const total = node.arms.reduce((sum, candidate) => sum + candidate.weight, 0);
  const share = promoted ? 100 : arm ? Math.round((arm.weight / total) * 100) : 0;
  const suffix = control ? ', control: sends nothing from here' : promoted ? ', the promoted winner' : '';
  return {
    exit: armId,
    outcome: `arm \`${arm?.label ?? armId}\` (${share}% of runs${suffix})`,
    detail: {
      arm: armId,
      weights: Object.fromEntries(node.arms.map((candidate) => [candidate.id, candidate.weight])),
      ...(control ? { control: true } : {}),
      ...(promoted ? { promoted: true } : {}),
    },
  };
}
