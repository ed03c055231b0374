import { useJourney, useJourneys } from '../api/journeys';
import { runStatuses, type RunFilters } from '../api/runs';
import { CurrentNodeFilter } from './CurrentNodeFilter';

/** `datetime-local` shows local time without a zone; the API wants ISO with one. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : '');
const toLocal = (iso: string) => {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The monitor's filters: journey, version, status, current node, customer, failures only, and when the run started. */
export function RunFiltersBar({ filters, onChange }: { filters: RunFilters; onChange: (next: Partial<RunFilters>) => void }) {
  const journeys = useJourneys();
  const journey = useJourney(filters.journeyId);
  const versions = filters.journeyId ? (journey.data?.versions ?? []) : [];
  // A long name is cut short in the closed select (CSS); its full text shows on hover.
  const journeyName = (journeys.data ?? []).find((item) => item.id === filters.journeyId)?.name;
  return (
    <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label="Run filters">
      <label>
        Journey
        <select value={filters.journeyId} title={journeyName ?? 'All journeys'} onChange={(event) => onChange({ journeyId: event.target.value, versionId: '', currentNodeId: '' })}>
          <option value="">All journeys</option>
          {(journeys.data ?? []).map((item) => (
            <option key={item.id} value={item.id} title={item.name}>
              {item.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Version
        <select value={filters.versionId} disabled={!filters.journeyId} onChange={(event) => onChange({ versionId: event.target.value })}>
          <option value="">Any version</option>
          {versions.map((version) => (
            <option key={version.id} value={version.id}>
              v{version.version}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={filters.status} onChange={(event) => onChange({ status: event.target.value as RunFilters['status'] })}>
          <option value="">Any status</option>
          {runStatuses.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <CurrentNodeFilter journey={filters.journeyId ? journey.data : undefined} versionId={filters.versionId} value={filters.currentNodeId} onChange={(currentNodeId) => onChange({ currentNodeId })} />
      <label>
        Customer
        <input type="search" value={filters.customerId} placeholder="customer id" onChange={(event) => onChange({ customerId: event.target.value.trim() })} />
      </label>
      <label>
        Started after
        <input type="datetime-local" value={toLocal(filters.startedAfter)} onChange={(event) => onChange({ startedAfter: toIso(event.target.value) })} />
      </label>
      <label className="checkbox-filter">
        <input type="checkbox" checked={filters.withFailures === 'true'} onChange={(event) => onChange({ withFailures: event.target.checked ? 'true' : '' })} />
        Only runs with failures
      </label>
      <label>
        Started before
        <input type="datetime-local" value={toLocal(filters.startedBefore)} onChange={(event) => onChange({ startedBefore: toIso(event.target.value) })} />
      </label>
    </form>
  );
}
