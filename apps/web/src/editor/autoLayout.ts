import type { JourneyDraft } from '@lifecycle/journey';
import { exitLabel } from '../canvas/exits';
import { layoutTopDown } from '../canvas/layout';
import { keepExitSides } from '../canvas/exitSides';

/** The draft with every node placed top to bottom by dagre, each step's exits leading left to right as on its card. */
export function autoLayout(draft: JourneyDraft): JourneyDraft {
  const byId = new Map(draft.nodes.map((node) => [node.id, node]));
  const edges = draft.edges.map((edge) => {
    const source = byId.get(edge.source);
    return { id: edge.id, source: edge.source, target: edge.target, label: source ? exitLabel(source, edge.sourceExit) : undefined };
  });
  const { positions } = layoutTopDown(draft.nodes.map((node) => node.id), edges);
  const sided = keepExitSides(draft, positions);
  return { ...draft, nodes: draft.nodes.map((node) => ({ ...node, position: sided.get(node.id) ?? node.position })) };
}

/** Lays out a graph only when some node has no saved position (published versions keep the marketer's layout). */
export function withPositions(draft: JourneyDraft): JourneyDraft {
  return draft.nodes.every((node) => node.position) ? draft : autoLayout(draft);
}
