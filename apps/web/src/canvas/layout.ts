import { Graph, layout } from '@dagrejs/dagre';

export const nodeWidth = 250;
export const nodeHeight = 96;

type Point = { x: number; y: number };

/** Where dagre put an edge: the bends it goes through (flow coordinates) and the centre of its label. */
export type EdgeRoute = {
  bends: Point[];
  labelAt: Point | null;
};

export interface FlowLayout {
  /** Top-left corner of each node. */
  positions: Map<string, Point>;
  routes: Map<string, EdgeRoute>;
}

interface LayoutEdge {
  id: string;
  source: string;
  target: string;
  label?: string | undefined;
}

// Roughly the rendered size of an edge label (12px system font), so dagre keeps room for it.
const labelSize = (label: string) => ({ width: label.length * 7 + 16, height: 22 });

/** Lays nodes out top to bottom with dagre (saved positions are ignored: read-only views stay tidy) and routes edges around them. */
export function layoutTopDown(nodeIds: readonly string[], edges: readonly LayoutEdge[]): FlowLayout {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 50, edgesep: 20 });
  for (const id of nodeIds) graph.setNode(id, { width: nodeWidth, height: nodeHeight });
  for (const edge of edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    graph.setEdge(edge.source, edge.target, edge.label ? { ...labelSize(edge.label), labelpos: 'c' } : {}, edge.id);
  }
  layout(graph);
  const positions = new Map<string, Point>();
  for (const id of nodeIds) {
    const { x, y } = graph.node(id);
    positions.set(id, { x: x - nodeWidth / 2, y: y - nodeHeight / 2 });
  }
  const routes = new Map<string, EdgeRoute>();
  for (const edge of edges) {
    const laid = graph.hasNode(edge.source) && graph.hasNode(edge.target) ? graph.edge(edge.source, edge.target, edge.id) : undefined;
    if (!laid) continue;
    const points = laid.points ?? [];
    routes.set(edge.id, {
      // The first and last points sit on the node borders; React Flow's handles replace them.
      bends: points.slice(1, -1),
      labelAt: edge.label && laid.x !== undefined && laid.y !== undefined ? { x: laid.x, y: laid.y } : null,
    });
  }
  return { positions, routes };
}
