import type { Edge, Node } from '@xyflow/react';
import type { DraftNode, NodeType } from '@lifecycle/journey';

/** One exit of a node: the handle id, what it says under it, and whether it leads nowhere yet. */
export type ExitHandle = { id: string; label: string; open: boolean };

/** What each node on the editor canvas carries. */
export type EditorNodeData = {
  node: DraftNode;
  /** One line saying what the step does, naming its template or offer. */
  summary: string;
  exits: ExitHandle[];
  problems: string[];
  counts?: { current: number; passed: number } | undefined;
  readOnly: boolean;
};

export type EditorFlowNode = Node<EditorNodeData, NodeType>;
export type EditorFlowEdge = Edge;
