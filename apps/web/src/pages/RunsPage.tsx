import { useMemo } from 'react';
import { useJourneys } from '../api/journeys';
import { useRuns, type RunFilters } from '../api/runs';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { RunFiltersBar } from './RunFiltersBar';
import { RunsTable } from './RunsTable';

/** Every customer's runs, refreshed every few seconds, filtered by journey and status. */
export function RunsPage({ filters }: { filters: RunFilters }) {
  const runs = useRuns(filters);
  const journeys = useJourneys();
  const journeyNames = useMemo(() => new Map((journeys.data ?? []).map((journey) => [journey.id, journey.name])), [journeys.data]);
  const rows = runs.data?.pages.flatMap((page) => page.runs) ?? [];
  const filtered = filters.journeyId !== '' || filters.status !== '';
  return (
    <>
      <PageHeader title="Runs">
        <span className="hint" aria-live="off">
          Refreshes every 3 s
        </span>
      </PageHeader>
      <RunFiltersBar filters={filters} />
      <ErrorBanner error={runs.error} />
      {runs.isPending ? (
        <Loading what="runs" />
      ) : rows.length === 0 ? (
        !runs.error && (
          <EmptyState title={filtered ? 'No runs match these filters' : 'No runs yet'}>
            {filtered
              ? 'Try another journey or status.'
              : 'A run starts when a customer event matches a live journey’s trigger: publish a journey, then send the event to POST /v1/track.'}
          </EmptyState>
        )
      ) : (
        <>
          <RunsTable runs={rows} journeyNames={journeyNames} />
          {runs.hasNextPage && (
            <button type="button" className="button load-more" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
              {runs.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </>
  );
}
