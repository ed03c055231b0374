import { useReducer, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { JourneyGraph } from '@lifecycle/journey';
import { useNodeCounts } from '../api/journeyEdits';
import { NodeAnalyticsOverlay } from '../analytics/journeys/NodeAnalyticsOverlay';
import { withPositions } from './autoLayout';
import { EditorCanvas } from './EditorCanvas';
import { editorReducer, initialEditorState } from './editorReducer';
import { SimulatorPanel } from './simulator/SimulatorPanel';

/** A published version, read-only, with how many customers are at each step now and how many passed it (refreshing). */
export function VersionView({ journeyId, versionId, graph }: { journeyId: string; versionId: string; graph: JourneyGraph }) {
  const [state, dispatch] = useReducer(editorReducer, graph, (draft) => initialEditorState(withPositions(draft)));
  const counts = useNodeCounts(journeyId, versionId);
  const [analytics, setAnalytics] = useState(false);
  return (
    <ReactFlowProvider>
      <label className="version-analytics-toggle">
        <input type="checkbox" checked={analytics} onChange={(event) => setAnalytics(event.target.checked)} /> Show analytics
      </label>
      {analytics && <NodeAnalyticsOverlay journeyId={journeyId} versionId={versionId} />}
      <SimulatorPanel journeyId={journeyId} versionId={versionId} graph={graph} />
      <div className="version-view">
        <EditorCanvas state={state} dispatch={dispatch} problemsByNode={new Map()} counts={counts.data ?? {}} readOnly />
      </div>
    </ReactFlowProvider>
  );
}
