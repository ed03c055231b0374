import { useJourneys } from '../api/journeys';
import { runStatuses, type RunFilters } from '../api/runs';
import { href } from '../router/href';
import { navigate } from '../router/useRoute';

/** Journey and status filters; they live in the URL so a filtered list can be linked to. */
export function RunFiltersBar({ filters }: { filters: RunFilters }) {
  const journeys = useJourneys();
  const change = (next: Partial<RunFilters>) => navigate(href.runs({ ...filters, ...next }));
  return (
    <form className="filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        Journey
        <select value={filters.journeyId} onChange={(event) => change({ journeyId: event.target.value })}>
          <option value="">All journeys</option>
          {(journeys.data ?? []).map((journey) => (
            <option key={journey.id} value={journey.id}>
              {journey.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={filters.status} onChange={(event) => change({ status: event.target.value as RunFilters['status'] })}>
          <option value="">Any status</option>
          {runStatuses.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
