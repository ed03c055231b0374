import { runStatuses, useRunCounts, type RunFilters, type RunStatus } from '../api/runs';

/** How many runs match the other filters, per status and with failures; choosing one filters by it (again: all). */
export function RunCounts({
  filters,
  onStatus,
  onFailures,
}: {
  filters: RunFilters;
  onStatus: (status: RunStatus | '') => void;
  onFailures: (withFailures: RunFilters['withFailures']) => void;
}) {
  const counts = useRunCounts(filters);
  if (!counts.data) return null;
  return (
    <ul className="run-counts" aria-label="Run counts">
      <li>
        <button type="button" className="count-chip" aria-pressed={filters.status === ''} onClick={() => onStatus('')}>
          all <strong data-testid="count-all">{counts.data.total}</strong>
        </button>
      </li>
      {runStatuses.map((status) => (
        <li key={status}>
          <button
            type="button"
            className={`count-chip badge-${status}`}
            aria-pressed={filters.status === status}
            onClick={() => onStatus(filters.status === status ? '' : status)}
          >
            {status} <strong data-testid={`count-${status}`}>{counts.data.counts[status]}</strong>
          </button>
        </li>
      ))}
      <li>
        <button
          type="button"
          className="count-chip badge-failed"
          aria-pressed={filters.withFailures === 'true'}
          title="Runs that ended failed or have a step that failed (a send that failed)"
          onClick={() => onFailures(filters.withFailures === 'true' ? '' : 'true')}
        >
          with failures <strong data-testid="count-with-failures">{counts.data.withFailures ?? 0}</strong>
        </button>
      </li>
    </ul>
  );
}
