import { useReactFlow } from '@xyflow/react';
import { fieldLabel, type Problem } from '@lifecycle/journey';
import type { EditorFlowEdge, EditorFlowNode } from './editorFlowTypes';
import { requestFieldFocus } from './inspector/fieldFocus';
import './inspector/fieldProblems.css';

/** "awaited.event" → "Event name"; list indexes are skipped (the message says which item). */
function fieldName(field: string): string {
  const keys = field.split('.').filter((key) => !/^\d+$/.test(key));
  return fieldLabel(keys[keys.length - 1] ?? field);
}

/** The problems standing in the way of publishing, in words; choosing one selects its step and focuses its field. */
export function ProblemsPanel({ problems, source, onPick }: { problems: Problem[]; source: 'live' | 'api'; onPick: (nodeId: string) => void }) {
  const flow = useReactFlow<EditorFlowNode, EditorFlowEdge>();
  const stepName = (nodeId: string) => {
    const node = flow.getNode(nodeId)?.data.node;
    return node?.label || nodeId;
  };
  const pick = (problem: Problem, nodeId: string) => {
    if (problem.field) requestFieldFocus(nodeId, problem.field);
    onPick(nodeId);
  };
  return (
    <section className="problems-panel" aria-label="Problems" aria-live="polite">
      <h2>
        {problems.length === 0 ? 'No problems' : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}
        {source === 'api' && <span className="hint"> · from the server</span>}
      </h2>
      {problems.length === 0 ? (
        <p className="hint">Ready to publish.</p>
      ) : (
        <ul>
          {problems.map((problem, index) => {
            const nodeId = problem.nodeId;
            return (
              <li key={`${nodeId ?? ''}:${problem.field ?? ''}:${problem.code}:${index}`}>
                {nodeId ? (
                  <button type="button" className="problem-link" title={problem.field ? `Go to ${fieldName(problem.field)}` : 'Go to this step'} onClick={() => pick(problem, nodeId)}>
                    <span className="problem-step">{stepName(nodeId)}</span>
                    {problem.message}
                  </button>
                ) : (
                  <span className="problem-journey">{problem.message}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
