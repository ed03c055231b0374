import type { DraftNode, JourneyEdge } from '@lifecycle/journey';
import { exitLabel, exitsOfDraft } from '../canvas/exits';
import type { ExitHandle } from './editorFlowTypes';

/** The node's exits as labelled handles: "next", "matched", "timed out", each branch and arm by its label. */
export function exitHandles(node: DraftNode, edges: readonly JourneyEdge[]): ExitHandle[] {
  return exitsOfDraft(node, edges).map((exit) => ({ id: exit, label: exitLabel(node, exit) ?? 'next' }));
}
