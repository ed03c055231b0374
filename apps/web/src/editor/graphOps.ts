import type { DraftNode, JourneyDraft, JourneyEdge } from '@lifecycle/journey';
import { freshId } from './newNode';
import { removeNodeReconnecting } from './reconnect';

type Point = { x: number; y: number };

export const nodeIds = (draft: JourneyDraft) => new Set(draft.nodes.map((node) => node.id));

/** `at`, or the first spot below it no step occupies, so steps added from the keyboard don't stack up. */
export function freeSpotNear(draft: JourneyDraft, at: Point): Point {
  const taken = (y: number) => draft.nodes.some((node) => node.position && Math.abs(node.position.x - at.x) < 200 && Math.abs(node.position.y - y) < 110);
  let y = at.y;
  while (taken(y)) y += 150;
  return { x: at.x, y };
}

export function addNode(draft: JourneyDraft, node: DraftNode): JourneyDraft {
  return { ...draft, nodes: [...draft.nodes, node] };
}

/** Wires `exit` of `source` to `target`; an exit leads to one node, so an earlier wire from it is replaced. */
export function connectExit(draft: JourneyDraft, source: string, exit: string, target: string): JourneyDraft {
  if (source === target) return draft;
  const edge: JourneyEdge = { id: `${source}-${exit}`, source, sourceExit: exit, target };
  const others = draft.edges.filter((existing) => !(existing.source === source && existing.sourceExit === exit));
  return { ...draft, edges: [...others, edge] };
}

/**
 * Removes nodes (and every edge touching them) and edges. A removed step in the middle of a chain (one way in, one
 * way out) leaves its neighbours connected. Edges touching a removed node are not cut first: React Flow lists them
 * with the node, and cutting them would hide the chain the step sat in.
 */
export function removeElements(draft: JourneyDraft, nodes: ReadonlySet<string>, edges: ReadonlySet<string>): JourneyDraft {
  if (nodes.size === 0 && edges.size === 0) return draft;
  const cut = draft.edges.filter((edge) => !(edges.has(edge.id) && !nodes.has(edge.source) && !nodes.has(edge.target)));
  let next: JourneyDraft = { ...draft, edges: cut };
  for (const id of nodes) next = removeNodeReconnecting(next, id);
  return next;
}

export function moveNodes(draft: JourneyDraft, moves: ReadonlyMap<string, Point>): JourneyDraft {
  return { ...draft, nodes: draft.nodes.map((node) => (moves.has(node.id) ? { ...node, position: moves.get(node.id) } : node)) };
}

/** Replaces a node's settings; edges from exits the node no longer has stay, and validation points at them. */
export function replaceNode(draft: JourneyDraft, node: DraftNode): JourneyDraft {
  return { ...draft, nodes: draft.nodes.map((existing) => (existing.id === node.id ? node : existing)) };
}

/** What Ctrl+C holds: nodes and the edges between them. */
export type Clipboard = { nodes: DraftNode[]; edges: JourneyEdge[] };

export function copySelection(draft: JourneyDraft, selected: ReadonlySet<string>): Clipboard {
  return {
    nodes: draft.nodes.filter((node) => selected.has(node.id)),
    edges: draft.edges.filter((edge) => selected.has(edge.source) && selected.has(edge.target)),
  };
}

/** How far the `times`-th paste of one copy lands from the originals: each paste a step further, so none stack. */
export const pasteOffset = (times: number): Point => ({ x: 40 * times, y: 40 * times });

/** Pastes copies with fresh ids, offset so they don't hide the originals; returns the new ids too. */
export function pasteClipboard(draft: JourneyDraft, clipboard: Clipboard, offset: Point): { draft: JourneyDraft; pasted: string[] } {
  const taken = nodeIds(draft);
  const renamed = new Map<string, string>();
  for (const node of clipboard.nodes) {
    const id = freshId(node.type, taken);
    taken.add(id);
    renamed.set(node.id, id);
  }
  const nodes = clipboard.nodes.map((node) => {
    const at = node.position ?? { x: 0, y: 0 };
    return { ...node, id: renamed.get(node.id) ?? node.id, position: { x: at.x + offset.x, y: at.y + offset.y } };
  });
  const edges = clipboard.edges.map((edge) => {
    const source = renamed.get(edge.source) ?? edge.source;
    return { ...edge, id: `${source}-${edge.sourceExit}`, source, target: renamed.get(edge.target) ?? edge.target };
  });
  return { draft: { ...draft, nodes: [...draft.nodes, ...nodes], edges: [...draft.edges, ...edges] }, pasted: [...renamed.values()] };
}
