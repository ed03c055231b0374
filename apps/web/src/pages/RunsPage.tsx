import './monitor.css';
import { useState } from 'react';
import { noFilters, useRuns, type RunFilters, type RunSort } from '../api/runs';
import { userOf, useSession } from '../api/session';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { BulkCancel } from './BulkCancel';
import { RunCounts } from './RunCounts';
import { RunFiltersBar } from './RunFiltersBar';
import { RunsTable } from './RunsTable';

/** Every customer's runs, refreshed every few seconds: filters, counts per status, sortable columns, keyset paging. */
export function RunsPage({ filters: initial }: { filters: Partial<RunFilters> }) {
  const [filters, setFilters] = useState<RunFilters>({ ...noFilters, ...initial });
  const [sort, setSort] = useState<RunSort>('-startedAt');
  const runs = useRuns(filters, sort);
  const isAdmin = userOf(useSession().data)?.role === 'admin';
  const rows = runs.data?.pages.flatMap((page) => page.runs) ?? [];
  const filtered = Object.values(filters).some((value) => value !== '');
  // Only a journey chosen (the journey page's "Runs" link): nothing to blame on filters, the journey has no runs.
  const journeyOnly = filtered && Object.entries(filters).every(([key, value]) => value === '' || key === 'journeyId');
  return (
    <>
      <PageHeader title="Runs">
        <span className="hint" aria-live="off">
          Refreshes every 3 s
        </span>
        {isAdmin && <BulkCancel filters={filters} />}
      </PageHeader>
      <RunFiltersBar filters={filters} onChange={(next) => setFilters({ ...filters, ...next })} />
      <RunCounts filters={filters} onStatus={(status) => setFilters({ ...filters, status })} onFailures={(withFailures) => setFilters({ ...filters, withFailures })} />
      <ErrorBanner error={runs.error} />
      {runs.isPending ? (
        <Loading what="runs" />
      ) : rows.length === 0 ? (
        !runs.error && (
          <EmptyState title={journeyOnly ? 'No runs of this journey yet' : filtered ? 'No runs match these filters' : 'No runs yet'}>
            {journeyOnly
              ? 'A run starts when a customer event matches the journey’s trigger while it is live.'
              : filtered
                ? 'Try other filters.'
                : 'A run starts when a customer event matches a live journey’s trigger: publish a journey, then send the event to POST /v1/track.'}
          </EmptyState>
        )
      ) : (
        <>
          <RunsTable runs={rows} sort={sort} onSort={setSort} />
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
