import { draftExits, type JourneyDraft } from '@lifecycle/journey';

/**
 * Removes one step; when that is unambiguous (one connection in, one exit out and it is connected) the step before
 * it is wired straight to the step after it, so deleting the middle of a chain keeps the chain whole.
 */
export function removeNodeReconnecting(draft: JourneyDraft, nodeId: string): JourneyDraft {
  const node = draft.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) return draft;
  const incoming = draft.edges.filter((edge) => edge.target === nodeId);
  const outgoing = draft.edges.filter((edge) => edge.source === nodeId);
  const kept = draft.edges.filter((edge) => edge.source !== nodeId && edge.target !== nodeId);
  const nodes = draft.nodes.filter((candidate) => candidate.id !== nodeId);
  const [before] = incoming;
  const [after] = outgoing;
  const unambiguous = incoming.length === 1 && outgoing.length === 1 && draftExits(node).length <= 1 && before && after && before.source !== after.target;
  if (!unambiguous) return { ...draft, nodes, edges: kept };
  const bridge = { id: `${before.source}-${before.sourceExit}`, source: before.source, sourceExit: before.sourceExit, target: after.target };
  return { ...draft, nodes, edges: [...kept, bridge] };
}
