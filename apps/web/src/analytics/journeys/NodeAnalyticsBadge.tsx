import { formatCount, formatPercent } from '../format';
import type { NodeOverlay } from './journeyFigures';

type NodeFigures = NodeOverlay['nodes'][number];
type SendFigures = NodeOverlay['sends'][number];

/** One node's figures under it on the canvas: reached, passed on, each exit's share, and a send's delivery figures. */
export function NodeAnalyticsBadge({ nodeId, figures, send }: { nodeId: string; figures: NodeFigures | undefined; send: SendFigures | undefined }) {
  return (
    <div className="node-analytics" data-testid={`node-analytics-${nodeId}`} aria-label={`Analytics of ${nodeId}`}>
      <div>
        <span data-testid="reached">{formatCount(figures?.reached ?? 0)}</span> reached · <span data-testid="passed-on">{formatCount(figures?.passedOn ?? 0)}</span> passed on
      </div>
      {(figures?.exits ?? []).map((exit) => (
        <div key={exit.exit} data-testid={`exit-${exit.exit}`}>
          {exit.exit}: {formatCount(exit.visits)} ({formatPercent(exit.share)})
        </div>
      ))}
      {send && (
        <dl className="node-analytics-send">
          <dt>Sent</dt><dd data-testid="sent">{formatCount(send.sent)}</dd>
          <dt>Delivered</dt><dd data-testid="delivered">{formatCount(send.delivered)}</dd>
          <dt>Failed</dt><dd data-testid="failed">{formatCount(send.failed)}</dd>
          <dt>Unique opens</dt><dd data-testid="opens">{formatCount(send.uniqueOpens)}</dd>
          <dt>Unique clicks</dt><dd data-testid="clicks">{formatCount(send.uniqueClicks)}</dd>
          <dt>Unsubscribes</dt><dd data-testid="unsubscribes">{formatCount(send.unsubscribes)}</dd>
          <dt>Open rate</dt><dd data-testid="open-rate">{formatPercent(send.openRate)}</dd>
          <dt>Click rate</dt><dd data-testid="click-rate">{formatPercent(send.clickRate)}</dd>
        </dl>
      )}
    </div>
  );
}
