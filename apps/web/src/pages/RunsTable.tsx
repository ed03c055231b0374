import type { RunSummary } from '../api/runs';
import { formatTime } from '../components/formatTime';
import { StatusBadge } from '../components/StatusBadge';
import { href } from '../router/href';

/** Runs as table rows; the customer links to the run's page. */
export function RunsTable({ runs, journeyNames }: { runs: RunSummary[]; journeyNames: ReadonlyMap<string, string> }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">Journey</th>
          <th scope="col">Version</th>
          <th scope="col">Status</th>
          <th scope="col">Current node</th>
          <th scope="col">Started</th>
          <th scope="col">Ended</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.workflowId}>
            <td>
              <a href={href.run(run.workflowId)}>{run.customerId}</a>
            </td>
            <td>{run.journeyName ?? journeyNames.get(run.journeyId) ?? run.journeyId}</td>
            <td>{run.version != null ? `v${run.version}` : <code className="muted">{run.versionId.slice(0, 8)}</code>}</td>
            <td>
              <StatusBadge status={run.status} />
            </td>
            <td>{run.currentNodeId ? <code>{run.currentNodeId}</code> : '—'}</td>
            <td className="nowrap">{formatTime(run.startedAt)}</td>
            <td className="nowrap">{formatTime(run.endedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
