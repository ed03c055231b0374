import './journeys.css';
import { useNodes, ViewportPortal } from '@xyflow/react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { NodeAnalyticsBadge } from './NodeAnalyticsBadge';
import { useNodeOverlay } from './journeyFigures';

/**
 * The canvas overlay of a published version: each node's figures drawn beside it (to its right, where a top-down layout leaves room), in flow coordinates, so they
 * pan and zoom with the canvas. Rendered inside the canvas's ReactFlowProvider.
 */
export function NodeAnalyticsOverlay({ journeyId, versionId }: { journeyId: string; versionId: string }) {
  const figures = useNodeOverlay(journeyId, versionId, true);
  const nodes = useNodes();
  if (figures.error) return <ErrorBanner error={figures.error} />;
  if (!figures.data) return null;
  const { data } = figures;
  return (
    <ViewportPortal>
      {nodes.map((node) => (
        <div key={node.id} className="node-analytics-anchor" style={{ transform: `translate(${node.position.x + (node.measured?.width ?? 250) + 10}px, ${node.position.y}px)` }}>
          <NodeAnalyticsBadge nodeId={node.id} figures={data.nodes.find((entry) => entry.nodeId === node.id)} send={data.sends.find((send) => send.nodeId === node.id)} />
        </div>
      ))}
    </ViewportPortal>
  );
}
