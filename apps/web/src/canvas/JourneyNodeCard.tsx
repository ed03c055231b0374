import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { JourneyFlowNode } from './flowTypes';
import { NodeIcon } from './NodeIcon';
import { useNodeSummary } from './nodeSummary';
import { nodeTitle } from './nodeTitle';

/** A journey node drawn as a card: icon, type, label and a one-line summary; a source handle per exit. */
export const JourneyNodeCard = memo(function JourneyNodeCard({ data, type }: NodeProps<JourneyFlowNode>) {
  const { node, exits, visit } = data;
  const summary = useNodeSummary(node);
  return (
    <div className={`journey-node journey-node-${type}${visit ? ` is-${visit}` : ''}`} title={`${node.id}: ${summary}`}>
      {type !== 'trigger' && <Handle type="target" position={Position.Top} isConnectable={false} />}
      <div className="journey-node-head">
        <NodeIcon type={type} />
        <span className="journey-node-type">{nodeTitle[type]}</span>
        {visit === 'current' && <span className="journey-node-here">here now</span>}
      </div>
      {/* An unlabelled step is named by its summary ("Wait 2 days", "Send “Welcome”"); its id stays on hover. */}
      {node.label && <div className="journey-node-label">{node.label}</div>}
      <div className="journey-node-summary">{summary}</div>
      {exits.map((exit, index) => (
        <Handle
          key={exit}
          id={exit}
          type="source"
          position={Position.Bottom}
          isConnectable={false}
          style={{ left: `${((index + 1) / (exits.length + 1)) * 100}%` }}
        />
      ))}
    </div>
  );
});
