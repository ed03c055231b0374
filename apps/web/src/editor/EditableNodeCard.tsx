import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { NodeIcon } from '../canvas/NodeIcon';
import { nodeTitle } from '../canvas/nodeTitle';
import type { EditorFlowNode } from './editorFlowTypes';

/** A node on the editor canvas: type, label, summary, a problem mark, live counts, and one labelled handle per exit. */
export const EditableNodeCard = memo(function EditableNodeCard({ data, type, selected }: NodeProps<EditorFlowNode>) {
  const { node, summary, exits, problems, counts, readOnly } = data;
  const classes = ['journey-node', 'editor-node', `journey-node-${type}`, problems.length ? 'has-problems' : '', selected ? 'is-selected' : ''];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-node-id={node.id} aria-label={`${nodeTitle[type]} ${node.label || node.id}`}>
      {type !== 'trigger' && <Handle type="target" position={Position.Top} isConnectable={!readOnly} />}
      <div className="journey-node-head">
        <NodeIcon type={type} />
        <span className="journey-node-type">{nodeTitle[type]}</span>
        {problems.length > 0 && (
          <span className="node-problem-mark" title={problems.join('\n')} role="img" aria-label={`${problems.length} problem${problems.length === 1 ? '' : 's'}`}>
            {problems.length}
          </span>
        )}
      </div>
      <div className="journey-node-label">{node.label || node.id}</div>
      <div className="journey-node-summary">{summary}</div>
      {problems.length > 0 && <div className="node-problem-text">{problems[0]}{problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}</div>}
      {counts && (
        <div className="node-counts" aria-label={`${counts.current} here now, ${counts.passed} passed`}>
          <span className="node-count-current" data-testid="count-current">{counts.current} here</span>
          <span className="node-count-passed" data-testid="count-passed">{counts.passed} passed</span>
        </div>
      )}
      {exits.length > 0 && (
        <div className="exit-row">
          {exits.map((exit) => (
            <span
              key={exit.id}
              className={exit.open && !readOnly ? 'exit is-open' : 'exit'}
              data-exit={exit.id}
              title={exit.open && !readOnly ? 'Leads nowhere: the journey ends here, and an Exit step is added for it when you publish' : undefined}
            >
              <span className="exit-label">{exit.label}</span>
              <Handle id={exit.id} type="source" position={Position.Bottom} isConnectable={!readOnly} className="exit-handle" />
            </span>
          ))}
        </div>
      )}
    </div>
  );
});

/** Node types at module scope so React Flow never re-mounts nodes. */
export const editorNodeTypes = {
  trigger: EditableNodeCard,
  send_email: EditableNodeCard,
  wait: EditableNodeCard,
  wait_for_event: EditableNodeCard,
  condition_split: EditableNodeCard,
  random_split: EditableNodeCard,
  offer: EditableNodeCard,
  update_customer: EditableNodeCard,
  webhook: EditableNodeCard,
  notify_team: EditableNodeCard,
  exit: EditableNodeCard,
};
