import { workflowInfo } from '@temporalio/workflow';
import { pickArm, type NodeOf } from '@lifecycle/journey';
import type { StepResult } from './stepResult';

/** A weighted arm chosen from the workflow id and node id, so the same run always takes the same arm. */
export function randomSplitStep(node: NodeOf<'random_split'>): StepResult {
  const armId = pickArm(node, `${workflowInfo().workflowId}/${node.id}`) // per run, and independent between splits;
  const arm = node.arms.find((candidate) => candidate.id === armId);
  const total = node.arms.reduce((sum, candidate) => sum + candidate.weight, 0);
  const share = arm ? Math.round((arm.weight / total) * 100) : 0;
  return {
    exit: armId,
    outcome: `arm \`${arm?.label ?? armId}\` (${share}% of runs)`,
    detail: { arm: armId, weights: Object.fromEntries(node.arms.map((candidate) => [candidate.id, candidate.weight])) },
  };
}
