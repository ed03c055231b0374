import { unitFraction } from './hash';
import type { NodeOf } from './schema';

/**
 * Picks a random split's arm from a hash of the seed (e.g. the run id plus the node id), so a
 * replayed or retried run always takes the same arm; over many seeds arms follow their weights.
 */
export function pickArm(node: NodeOf<'random_split'>, seed: string): string {
  const total = node.arms.reduce((sum, arm) => sum + arm.weight, 0);
  let point = unitFraction(seed) * total;
  for (const arm of node.arms) {
    point -= arm.weight;
    if (point < 0) return arm.id;
  }
  const lastArm = node.arms[node.arms.length - 1];
  if (lastArm === undefined) throw new Error(`random split ${node.id} has no arms`);
  return lastArm.id;
}
