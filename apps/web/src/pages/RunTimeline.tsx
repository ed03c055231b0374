import type { RunStep } from '../api/runs';
import { formatTime } from '../components/formatTime';
import { namedOutcome, stepDetail, stepDetailIds } from './stepDetail';

/** The steps a run took, in order, with how each one ended; nodes by name, their ids on hover. */
export function RunTimeline({ steps, nodeNames }: { steps: RunStep[]; nodeNames: Readonly<Record<string, string>> }) {
  if (steps.length === 0) return <p className="hint">No steps recorded yet.</p>;
  return (
    <table className="table table-compact">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Step</th>
          <th scope="col">Entered</th>
          <th scope="col">Left</th>
          <th scope="col">Outcome</th>
          <th scope="col">Exit</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {[...steps]
          .sort((a, b) => a.seq - b.seq)
          .map((step) => {
            const ids = stepDetailIds(step.detail);
            return (
              <tr key={step.seq} className={step.failed ? 'step-failed' : undefined}>
                <td className="muted">{step.seq}</td>
                <td className="step-name" title={`Node id: ${step.nodeId}`} data-node-id={step.nodeId}>
                  {nodeNames[step.nodeId] ?? step.nodeId}
                  <div className="muted small">{step.nodeType.replace(/_/g, ' ')}</div>
                </td>
                <td className="nowrap">{formatTime(step.enteredAt, true)}</td>
                <td className="nowrap">{step.leftAt ? formatTime(step.leftAt, true) : <span className="muted">still here</span>}</td>
                <td>
                  {step.failed && <span className="badge badge-failed">failed</span>} {step.outcome ? namedOutcome(step.outcome, nodeNames) : '—'}
                </td>
                <td>{step.exit ? step.exit.replace(/_/g, ' ') : '—'}</td>
                <td className="detail-cell" title={ids || undefined}>
                  {stepDetail(step.detail)}
                </td>
              </tr>
            );
          })}
      </tbody>
    </table>
  );
}
