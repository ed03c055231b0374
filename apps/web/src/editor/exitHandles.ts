import type { DraftNode, JourneyEdge } from '@lifecycle/journey';
import { exitLabel, exitsOfDraft } from '../canvas/exits';
import type { ExitHandle } from './editorFlowTypes';

/** The node's exits as labelled handles: "next", "matched", "timed out", each branch and arm by its label; open when unwired. */
export function exitHandles(node: DraftNode, edges: readonly JourneyEdge[]): ExitHandle[] {
  const wired = new Set(edges.filter((edge) => edge.source === node.id).map((edge) => edge.sourceExit));
  return exitsOfDraft(node, edges).map((exit) => ({ id: exit, label: exitLabel(node, exit) ?? 'next', open: !wired.has(exit) }));
}
