import type { NodeOf } from '@lifecycle/journey';
import type { StepResult } from './stepResult';

/** The end of a path: the run completes. */
export function exitStep(node: NodeOf<'exit'>): StepResult {
  return { exit: null, outcome: node.label ? `exited: ${node.label}` : 'exited', detail: null };
}
