import { useCallback, useState, type Dispatch, type DragEvent } from 'react';
import { Background, ControlButton, Controls, MiniMap, Panel, ReactFlow, useReactFlow, type Connection, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import '../canvas/canvas.css';
import './editor.css';
import { NodeType } from '@lifecycle/journey';
import type { NodeCounts } from '../api/journeyEdits';
import type { EditorAction, EditorState } from './editorReducer';
import { editorNodeTypes } from './EditableNodeCard';
import type { EditorFlowNode } from './editorFlowTypes';
import { nodeIds } from './graphOps';
import { openExits } from './implicitExits';
import { newNode } from './newNode';
import { paletteMime } from './Palette';
import { useCanvasChanges } from './useCanvasChanges';
import { useEditorFlow } from './useEditorFlow';
import { useReadableFit } from './readableFit';
import { useFitOnLayout } from './useFitOnLayout';
import { useReferenceNames } from './useReferenceNames';

interface Props {
  state: EditorState;
  dispatch: Dispatch<EditorAction>;
  problemsByNode: ReadonlyMap<string, string[]>;
  counts: NodeCounts | undefined;
  readOnly: boolean;
  /** Grows with each auto-layout, which then fits the view. */
  layoutCount?: number;
}

/**
 * One array for the life of the module: React Flow re-subscribes its document key listeners whenever this prop changes
 * identity, and a re-subscription in the middle of a key event's dispatch loses that event (a lost keyup leaves the key
 * "held", and the next Delete is then ignored).
 */
const deleteKeys = ['Delete', 'Backspace'];
/** Shift-click adds a step to the selection (as do Ctrl- and Cmd-click); module scope for the same reason. */
const multiSelectKeys = ['Shift', 'Meta', 'Control'];

const miniMapColor = (node: EditorFlowNode) => (node.data.problems.length ? '#e5484d' : '#94a3b8');

/** The editable canvas: drop nodes from the palette, drag, connect exits, select and delete. */
export function EditorCanvas({ state, dispatch, problemsByNode, counts, readOnly, layoutCount = 0 }: Props) {
  const draft = state.history.present;
  const { measured, onNodesChange, onEdgesChange } = useCanvasChanges(state, dispatch);
  const names = useReferenceNames();
  const { nodes, edges } = useEditorFlow({ draft, selectedNodes: state.selectedNodes, selectedEdges: state.selectedEdges, problemsByNode, counts, measured, readOnly, names });
  const { screenToFlowPosition } = useReactFlow();
  // Fit a journey that already has steps; an empty canvas keeps zoom 1 so the first drop doesn't move the view.
  const [fitOnLoad] = useState(draft.nodes.length > 0);
  useFitOnLayout(draft.nodes.length, layoutCount, fitOnLoad);
  const fit = useReadableFit();
  const open = readOnly || !draft.nodes.some((node) => node.type === 'trigger') ? 0 : openExits(draft).length;

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const type = NodeType.safeParse(event.dataTransfer.getData(paletteMime));
      if (!type.success || readOnly) return;
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      dispatch({ kind: 'add', node: newNode(type.data, { x: position.x - 125, y: position.y - 30 }, nodeIds(draft)) });
    },
    [dispatch, draft, readOnly, screenToFlowPosition],
  );
  const onConnect = useCallback(
    (connection: Connection) => dispatch({ kind: 'connect', source: connection.source, exit: connection.sourceHandle ?? 'next', target: connection.target }),
    [dispatch],
  );
  const isValidConnection = useCallback(
    (connection: Connection | Edge) =>
      connection.source !== connection.target && draft.nodes.find((node) => node.id === connection.target)?.type !== 'trigger',
    [draft],
  );
  const onDelete = useCallback(
    ({ nodes: removed, edges: removedEdges }: { nodes: Node[]; edges: Edge[] }) =>
      dispatch({ kind: 'remove', nodes: new Set(removed.map((node) => node.id)), edges: new Set(removedEdges.map((edge) => edge.id)) }),
    [dispatch],
  );

  return (
    <div className="editor-canvas" onDragOver={(event) => { event.preventDefault(); event.dataTransfer.dropEffect = 'move'; }} onDrop={onDrop}>
      <ReactFlow<EditorFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={editorNodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        onNodeDragStop={() => dispatch({ kind: 'settle' })}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : deleteKeys}
        multiSelectionKeyCode={multiSelectKeys}
        connectionRadius={30}
        minZoom={0.1}
        onlyRenderVisibleElements
      >
        <Background gap={20} color="#e2e8f0" />
        {open > 0 && (
          <Panel position="top-left" className="open-exits-note" role="note">
            {open === 1 ? '1 exit leads' : `${open} exits lead`} nowhere: the journey ends there. An Exit step is added for {open === 1 ? 'it' : 'each'} when you publish.
          </Panel>
        )}
        <Controls showFitView={false}>
          <ControlButton onClick={() => fit(250)} title="Fit the journey in view (text stays readable)" aria-label="Fit view">
            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8">
              <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" />
            </svg>
          </ControlButton>
        </Controls>
        <MiniMap<EditorFlowNode> nodeColor={miniMapColor} pannable zoomable style={{ width: 140, height: 90 }} />
      </ReactFlow>
    </div>
  );
}
