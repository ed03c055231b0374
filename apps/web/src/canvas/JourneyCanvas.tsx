import { useMemo } from 'react';
import { Background, Controls, MiniMap, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import type { JourneyDraft } from '@lifecycle/journey';
import { buildFlow, type RunTrail } from './buildFlow';
import type { JourneyFlowEdge, JourneyFlowNode } from './flowTypes';
import { nodeTypes } from './nodeTypes';
import { edgeTypes } from './RoutedEdge';

function miniMapColor(node: JourneyFlowNode): string {
  if (node.data.visit === 'current') return '#d97706';
  if (node.data.visit === 'visited') return '#2563eb';
  return '#cbd5e1';
}

/** A read-only drawing of a journey (a draft or a published version), optionally with one run's trail. */
export function JourneyCanvas({ graph, trail, label }: { graph: JourneyDraft; trail?: RunTrail; label: string }) {
  const { nodes, edges } = useMemo(() => buildFlow(graph, trail), [graph, trail]);
  if (nodes.length === 0) {
    return <div className="canvas canvas-empty">This journey has no nodes yet — save a draft with PUT /api/journeys/:id.</div>;
  }
  return (
    <div className="canvas" role="figure" aria-label={label}>
      <ReactFlow<JourneyFlowNode, JourneyFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        fitView
        fitViewOptions={{ padding: 0.06, maxZoom: 1 }}
        minZoom={0.2}
      >
        <Background gap={20} color="#e2e8f0" />
        <Controls showInteractive={false} />
        <MiniMap<JourneyFlowNode> nodeColor={miniMapColor} pannable zoomable style={{ width: 160, height: 110 }} />
      </ReactFlow>
    </div>
  );
}
