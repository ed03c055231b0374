import { useReducer } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { JourneyGraph } from '@lifecycle/journey';
import { useNodeCounts } from '../api/journeyEdits';
import { withPositions } from './autoLayout';
import { EditorCanvas } from './EditorCanvas';
import { editorReducer, initialEditorState } from './editorReducer';

/** A published version, read-only, with how many customers are at each step now and how many passed it (refreshing). */
export function VersionView({ journeyId, versionId, graph }: { journeyId: string; versionId: string; graph: JourneyGraph }) {
  const [state, dispatch] = useReducer(editorReducer, graph, (draft) => initialEditorState(withPositions(draft)));
  const counts = useNodeCounts(journeyId, versionId);
  return (
    <ReactFlowProvider>
      <div className="version-view">
        <EditorCanvas state={state} dispatch={dispatch} problemsByNode={new Map()} counts={counts.data ?? {}} readOnly />
      </div>
    </ReactFlowProvider>
  );
}
