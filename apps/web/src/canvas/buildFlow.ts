import { MarkerType } from '@xyflow/react';
import { graphToFlow, type JourneyDraft } from '@lifecycle/journey';
import { exitLabel, exitsOfDraft } from './exits';
import { keepLaneSides } from './exitLanes';
import { keepExitSides } from './exitSides';
import type { JourneyFlowEdge, JourneyFlowNode } from './flowTypes';
import { layoutTopDown, nodeHeight, nodeWidth } from './layout';

/** Where one run has been: nodes it passed, the node it is at, and the edges (`source:exit`) it took. */
export interface RunTrail {
  visited: ReadonlySet<string>;
  current: string | null;
  taken: ReadonlySet<string>;
}

/** A journey as laid-out React Flow nodes and labelled edges, with a run's trail marked when given. */
export function buildFlow(draft: JourneyDraft, trail?: RunTrail): { nodes: JourneyFlowNode[]; edges: JourneyFlowEdge[] } {
  const flow = graphToFlow(draft);
  const byId = new Map(draft.nodes.map((node) => [node.id, node]));
  const labelled = flow.edges.map((edge) => {
    const exit = edge.sourceHandle ?? 'next';
    const source = byId.get(edge.source);
    // Our label adds each arm's share to graphToFlow's caption.
    return { ...edge, exit, label: source ? exitLabel(source, exit) : edge.label };
  });
  const laid = layoutTopDown(
    flow.nodes.map((node) => node.id),
    labelled,
  );
  // Exits lead left to right as on the card (matched left of timed out), as auto-layout does in the editor.
  const positions = keepExitSides(draft, laid.positions);
  const moved = (id: string) => positions.get(id)?.x !== laid.positions.get(id)?.x;
  // dagre's bends and label spots are for where it put the nodes: an edge with a moved end is drawn as a plain curve.
  const kept = new Map(laid.routes);
  for (const edge of labelled) if (moved(edge.source) || moved(edge.target)) kept.set(edge.id, { bends: [], labelAt: null });
  // A long exit wire (to where branches join) goes round the branch beside it on its own side.
  const routes = keepLaneSides(draft, positions, kept);
  const routeOf = (edge: { id: string }) => routes.get(edge.id) ?? { bends: [], labelAt: null };
  const nodes = flow.nodes.map((flowNode): JourneyFlowNode => {
    const node = flowNode.data.node;
    const visit = trail?.current === node.id ? 'current' : trail?.visited.has(node.id) ? 'visited' : undefined;
    return {
      id: flowNode.id,
      type: flowNode.type,
      position: positions.get(flowNode.id) ?? flowNode.position,
      // The nodes are never updated from React Flow's measurements, so the minimap needs their size up front.
      initialWidth: nodeWidth,
      initialHeight: nodeHeight,
      data: { node, exits: exitsOfDraft(node, draft.edges), ...(visit ? { visit } : {}) },
    };
  });
  const edges = labelled.map((edge): JourneyFlowEdge => {
    const taken = trail?.taken.has(`${edge.source}:${edge.exit}`) ?? false;
    return {
      id: edge.id,
      type: 'routed',
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.exit,
      data: { ...routeOf(edge), ...(edge.label ? { text: edge.label } : {}) },
      className: taken ? 'is-taken' : trail ? 'is-dimmed' : '',
      animated: taken,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    };
  });
  return { nodes, edges };
}
