import { draftExits, type DraftNode, type JourneyDraft } from '@lifecycle/journey';
import { freshId } from './newNode';

/** The exits of `draft` that lead nowhere, as `[node, exit]` pairs. */
export function openExits(draft: JourneyDraft): Array<[DraftNode, string]> {
  const wired = new Set(draft.edges.map((edge) => `${edge.source}\u0000${edge.sourceExit}`));
  return draft.nodes.flatMap((node) => draftExits(node).filter((exit) => !wired.has(`${node.id}\u0000${exit}`)).map((exit): [DraftNode, string] => [node, exit]));
}

/**
 * A journey may end on any step: every exit that leads nowhere gets an Exit step of its own, placed under it. The
 * editor checks the draft as if these were there, and adds them for real when the journey is published. Returns the
 * same object when nothing is open, and leaves a journey with no trigger alone (there is nothing to end yet).
 */
export function withImplicitExits(draft: JourneyDraft): JourneyDraft {
  const open = openExits(draft);
  if (open.length === 0 || !draft.nodes.some((node) => node.type === 'trigger')) return draft;
  const taken = new Set(draft.nodes.map((node) => node.id));
  const nodes = [...draft.nodes];
  const edges = [...draft.edges];
  for (const [node, exit] of open) {
    const id = freshId('exit', taken);
    taken.add(id);
    const siblings = draftExits(node);
    const at = node.position ?? { x: 0, y: 0 };
    const spread = (siblings.indexOf(exit) - (siblings.length - 1) / 2) * 280;
    nodes.push({ id, type: 'exit', label: 'End', position: { x: at.x + spread, y: at.y + 170 } });
    edges.push({ id: `${node.id}-${exit}`, source: node.id, sourceExit: exit, target: id });
  }
  return { ...draft, nodes, edges };
}
