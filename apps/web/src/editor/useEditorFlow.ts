import { useMemo, useRef } from 'react';
import { MarkerType } from '@xyflow/react';
import type { DraftNode, JourneyDraft } from '@lifecycle/journey';
import type { NodeCounts } from '../api/journeyEdits';
import { exitLabel } from '../canvas/exits';
import type { EditorFlowEdge, EditorFlowNode } from './editorFlowTypes';
import { exitHandles } from './exitHandles';
import { namedSummary, type ReferenceNames } from './namedSummary';

type Size = { width: number; height: number };

interface FlowInputs {
  draft: JourneyDraft;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  problemsByNode: ReadonlyMap<string, string[]>;
  counts: NodeCounts | undefined;
  measured: ReadonlyMap<string, Size>;
  readOnly: boolean;
  names: ReferenceNames;
}

type Cached = { node: DraftNode; summary: string; exitsKey: string; selected: boolean; problemsKey: string; countsKey: string; size: Size | undefined; flow: EditorFlowNode };

/**
 * The draft as React Flow nodes and edges. A node object is reused while nothing it shows changed,
 * so memo'ized cards don't re-render while another node is dragged or the canvas pans.
 */
export function useEditorFlow(inputs: FlowInputs): { nodes: EditorFlowNode[]; edges: EditorFlowEdge[] } {
  const cache = useRef(new Map<string, Cached>());
  const { draft, selectedNodes, selectedEdges, problemsByNode, counts, measured, readOnly, names } = inputs;
  const nodes = useMemo(() => {
    const next = new Map<string, Cached>();
    // The draft's own steps too, so a wait for an open names the email step it waits on.
    const byId = new Map(draft.nodes.map((node) => [node.id, node]));
    const flowNodes = draft.nodes.map((node) => {
      const exits = exitHandles(node, draft.edges);
      const summary = namedSummary(node, names, byId);
      const exitsKey = exits.map((exit) => `${exit.id}=${exit.label}${exit.open ? '?' : ''}`).join('|');
      const problems = problemsByNode.get(node.id) ?? [];
      const problemsKey = problems.join('|');
      const count = counts?.[node.id];
      const countsKey = counts ? `${count?.current ?? 0}/${count?.passed ?? 0}` : '';
      const selected = selectedNodes.has(node.id);
      const size = measured.get(node.id);
      const old = cache.current.get(node.id);
      const same = old && old.node === node && old.summary === summary && old.exitsKey === exitsKey && old.selected === selected && old.problemsKey === problemsKey && old.countsKey === countsKey && old.size === size;
      const flow: EditorFlowNode = same
        ? old.flow
        : {
            id: node.id,
            type: node.type,
            position: node.position ?? { x: 0, y: 0 },
            selected,
            ...(size ? { measured: size } : {}),
            data: { node, summary, exits, problems, counts: counts ? (count ?? { current: 0, passed: 0 }) : undefined, readOnly },
          };
      next.set(node.id, { node, summary, exitsKey, selected, problemsKey, countsKey, size, flow });
      return flow;
    });
    cache.current = next;
    return flowNodes;
  }, [draft, selectedNodes, problemsByNode, counts, measured, readOnly, names]);
  const edges = useMemo(() => {
    const byId = new Map(draft.nodes.map((node) => [node.id, node]));
    return draft.edges.map((edge): EditorFlowEdge => {
      const source = byId.get(edge.source);
      const label = source ? exitLabel(source, edge.sourceExit) : edge.sourceExit;
      return {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        sourceHandle: edge.sourceExit,
        type: 'smoothstep',
        // A 24 px band along the line picks the edge, not just its 1.5 px stroke.
        interactionWidth: 24,
        selected: selectedEdges.has(edge.id),
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        ...(label ? { label, labelBgPadding: [6, 2] as [number, number], labelBgBorderRadius: 8 } : {}),
      };
    });
  }, [draft, selectedEdges]);
  return { nodes, edges };
}
