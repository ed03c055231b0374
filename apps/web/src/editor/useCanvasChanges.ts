import { useCallback, useState, type Dispatch } from 'react';
import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { EditorAction, EditorState } from './editorReducer';
import type { EditorFlowNode } from './editorFlowTypes';

type Size = { width: number; height: number };

/** Turns React Flow's change events into editor actions; node sizes are kept here, they are not part of the journey. */
export function useCanvasChanges(state: EditorState, dispatch: Dispatch<EditorAction>) {
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(() => new Map());
  const onNodesChange = useCallback(
    (changes: NodeChange<EditorFlowNode>[]) => {
      const moves = new Map<string, { x: number; y: number }>();
      const sizes = new Map<string, Size>();
      let selection: Set<string> | null = null;
      for (const change of changes) {
        if (change.type === 'position' && change.position) moves.set(change.id, change.position);
        if (change.type === 'dimensions' && change.dimensions) sizes.set(change.id, change.dimensions);
        if (change.type === 'select') {
          selection ??= new Set(state.selectedNodes);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
      }
      if (moves.size > 0) dispatch({ kind: 'drag', moves });
      if (selection) dispatch({ kind: 'select', nodes: selection, edges: state.selectedEdges });
      if (sizes.size > 0) setMeasured((old) => new Map([...old, ...sizes]));
    },
    [dispatch, state.selectedNodes, state.selectedEdges],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let selection: Set<string> | null = null;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selection ??= new Set(state.selectedEdges);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
      if (selection) dispatch({ kind: 'select', nodes: state.selectedNodes, edges: selection });
    },
    [dispatch, state.selectedNodes, state.selectedEdges],
  );
  return { measured, onNodesChange, onEdgesChange };
}
