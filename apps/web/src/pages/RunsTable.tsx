import type { RunSort, RunSummary } from '../api/runs';
import { formatTime } from '../components/formatTime';
import { StatusBadge } from '../components/StatusBadge';
import { href } from '../router/href';
import { RunFailureMark } from './RunFailureMark';
import { versionLabel } from './runNames';

type Sortable = 'startedAt' | 'updatedAt';

/** A column header that sorts by its column: newest first, then oldest first. */
function SortHeader({ column, label, sort, onSort }: { column: Sortable; label: string; sort: RunSort; onSort: (sort: RunSort) => void }) {
  const active = sort.endsWith(column);
  const descending = sort.startsWith('-');
  return (
    <th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(active && descending ? column : `-${column}`)}>
        {label} {active ? (descending ? '↓' : '↑') : ''}
      </button>
    </th>
  );
}

/** Runs as table rows, by name (ids on hover); the customer links to the run's page. */
export function RunsTable({ runs, sort, onSort }: { runs: RunSummary[]; sort: RunSort; onSort: (sort: RunSort) => void }) {
  return (
    // Scrolls sideways inside its box when the window is narrow, instead of pushing the page wider.
    <div className="runs-table-scroll">
      <table className="table runs-table">
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Journey</th>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Current step</th>
            <SortHeader column="startedAt" label="Started" sort={sort} onSort={onSort} />
            <SortHeader column="updatedAt" label="Updated" sort={sort} onSort={onSort} />
            <th scope="col">Ended</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.workflowId} data-customer={run.customerId}>
              <td>
                <a href={href.run(run.workflowId)} title={`Customer id: ${run.customerId}`}>
                  {run.customerName}
                </a>
              </td>
              <td className="name-cell" title={`${run.journeyName} (journey id: ${run.journeyId})`}>
                {run.journeyName}
              </td>
              <td className="nowrap" title={`Version id: ${run.versionId}`}>
                {versionLabel(run)}
              </td>
              <td>
                <StatusBadge status={run.status} />
                <RunFailureMark failedSteps={run.failedSteps} />
                {run.error && <div className="muted small">{run.error}</div>}
              </td>
              <td
                className="step-cell"
                title={run.currentNodeId ? `${run.currentNodeName ?? run.currentNodeId} (node id: ${run.currentNodeId})` : undefined}
              >
                {run.currentNodeName ?? '—'}
              </td>
              <td className="nowrap">{formatTime(run.startedAt)}</td>
              <td className="nowrap">{formatTime(run.updatedAt)}</td>
              <td className="nowrap">{formatTime(run.endedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
