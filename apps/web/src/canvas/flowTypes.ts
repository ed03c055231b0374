import type { Edge, Node } from '@xyflow/react';
import type { DraftNode, NodeType } from '@lifecycle/journey';
import type { EdgeRoute } from './layout';

/** How a run relates to a node: passed through it, or is there now. */
export type Visit = 'visited' | 'current';

/** What each drawn node carries: the journey node, its exits (one handle each) and the run's trail, if any. */
export type JourneyNodeData = { node: DraftNode; exits: string[]; visit?: Visit };

export type JourneyFlowNode = Node<JourneyNodeData, NodeType>;

/** An edge drawn along the route dagre chose, so it bends around nodes instead of crossing them. */
export type JourneyFlowEdge = Edge<EdgeRoute & { text?: string }, 'routed'>;
