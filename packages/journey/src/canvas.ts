import { defaultPositions } from './layout';
import type { DraftNode, JourneyDraft, JourneyGoal, NodeType } from './schema';

/** A node as React Flow 12 holds it (the fields we use); the journey node rides in `data`. */
export type FlowNode = { id: string; type: NodeType; position: { x: number; y: number }; data: { node: DraftNode } };

/** An edge as React Flow 12 holds it; the source handle is the exit the edge leaves by. */
export type FlowEdge = { id: string; source: string; target: string; sourceHandle?: string | null; label?: string };

/** Draft → React Flow nodes and edges; nodes without a position are laid out in columns by depth. */
export function graphToFlow(draft: JourneyDraft): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const positions = defaultPositions(draft);
  const byId = new Map(draft.nodes.map((node) => [node.id, node] as const));
  const nodes = draft.nodes.map((node) => ({
    id: node.id,
    type: node.type,
    position: node.position ?? positions.get(node.id) ?? { x: 0, y: 0 },
    data: { node },
  }));
  const edges = draft.edges.map((edge): FlowEdge => {
    const label = exitLabel(byId.get(edge.source), edge.sourceExit);
    const flowEdge = { id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceExit };
    return label === undefined ? flowEdge : { ...flowEdge, label };
  });
  return { nodes, edges };
}

/** React Flow nodes and edges → draft; the canvas position wins over the one stored in the node. */
export function flowToGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[], goal?: JourneyGoal): JourneyDraft {
  const draft: JourneyDraft = {
    nodes: nodes.map((flowNode) => ({ ...flowNode.data.node, id: flowNode.id, type: flowNode.type, position: { ...flowNode.position } })),
    edges: edges.map((edge) => ({ id: edge.id, source: edge.source, sourceExit: edge.sourceHandle ?? 'next', target: edge.target })),
  };
  return goal === undefined ? draft : { ...draft, goal };
}

/** How an edge is captioned: nothing for `next`, the branch or arm name for splits. */
function exitLabel(node: DraftNode | undefined, exit: string): string | undefined {
  if (exit === 'next') return undefined;
  if (exit === 'timed_out') return 'timed out';
  const options = node?.type === 'condition_split' ? node.branches : node?.type === 'random_split' ? node.arms : undefined;
  if (Array.isArray(options)) {
    const option: unknown = options.find((item: unknown) => typeof item === 'object' && item !== null && 'id' in item && item.id === exit);
    if (typeof option === 'object' && option !== null && 'label' in option && typeof option.label === 'string' && option.label !== '') {
      return option.label;
    }
  }
  return exit;
}
