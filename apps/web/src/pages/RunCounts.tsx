import { runStatuses, useRunCounts, type RunFilters, type RunStatus } from '../api/runs';

/** How many runs match the other filters, per status; choosing one filters by it (again: all statuses). */
export function RunCounts({ filters, onStatus }: { filters: RunFilters; onStatus: (status: RunStatus | '') => void }) {
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
    </ul>
  );
}
