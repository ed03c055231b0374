import { patched } from '@temporalio/workflow';
import type { RunState } from './runState';

/**
 * A patch's answer for this run: asked of Temporal once, then kept in the run's state. A run that continues as new
 * carries the answers its first history got, so a run started before a patch keeps the old behaviour for its whole
 * life instead of switching when its history is renewed (a fresh history would answer every patch true).
 */
export function patchAnswer(state: RunState, patchId: string): boolean {
  const known = state.patches[patchId];
  if (known !== undefined) return known;
  const answer = patched(patchId);
  state.patches[patchId] = answer;
  return answer;
}
