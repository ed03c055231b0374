import type { RunStep } from '../api/runs';
import { formatTime } from '../components/formatTime';
import { stepDetail } from './stepDetail';

/** The steps a run took, in order, with how each one ended. */
export function RunTimeline({ steps }: { steps: RunStep[] }) {
  if (steps.length === 0) return <p className="hint">No steps recorded yet.</p>;
  return (
    <table className="table table-compact">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Node</th>
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
          .map((step) => (
            <tr key={step.seq} className={step.failed ? 'step-failed' : undefined}>
              <td className="muted">{step.seq}</td>
              <td>
                <code>{step.nodeId}</code>
                <div className="muted small">{step.nodeType.replace(/_/g, ' ')}</div>
              </td>
              <td className="nowrap">{formatTime(step.enteredAt, true)}</td>
              <td className="nowrap">{step.leftAt ? formatTime(step.leftAt, true) : <span className="muted">still here</span>}</td>
              <td>
                {step.failed && <span className="badge badge-failed">failed</span>} {step.outcome ?? '—'}
              </td>
              <td>{step.exit ? step.exit.replace(/_/g, ' ') : '—'}</td>
              <td className="detail-cell">{stepDetail(step.detail)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
