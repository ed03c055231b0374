import '../journeys/journeys.css';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useJourneyOverview, type JourneyListStatus } from '../api/journeyList';
import { canEdit, userOf, useSession } from '../api/session';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { href } from '../router/href';
import { JourneysEmpty } from '../journeys/JourneysEmpty';
import { JourneysTable } from '../journeys/JourneysTable';
import type { ActionMessage } from '../journeys/JourneyRowActions';
import { StatusFilter } from '../journeys/StatusFilter';
import { ImportJourneyButton } from '../journeys/import/ImportJourneyButton';

/** All journeys, most recently changed first: search by name, filter by status, runs in progress and converted. */
export function JourneysPage() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<JourneyListStatus>('active');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1) ?? '';
  const overview = useJourneyOverview({ q: q.trim(), status, cursor });
  const readOnly = !canEdit(userOf(useSession().data));
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const changed = (next: ActionMessage) => {
    setError(null);
    setMessage(next);
    void queryClient.invalidateQueries({ queryKey: ['journeys'] });
    void queryClient.invalidateQueries({ predicate: (query) => ['runs', 'run-counts'].includes(String(query.queryKey[0])) });
  };
  const refilter = (apply: () => void) => {
    apply();
    setCursors([]);
  };
  const rows = overview.data?.journeys ?? [];
  return (
    <>
      <PageHeader title="Journeys">
        {!readOnly && <ImportJourneyButton />}
        <a className="button button-primary" href={href.newJourney()}>
          New journey
        </a>
      </PageHeader>
      <div className="journeys-toolbar">
        <div className="field">
          <label htmlFor="journey-search">Search by name</label>
          <input id="journey-search" type="search" value={q} onChange={(event) => refilter(() => setQ(event.target.value))} />
        </div>
        <StatusFilter value={status} counts={overview.data?.counts} onChange={(next) => refilter(() => setStatus(next))} />
      </div>
      {message && (
        <div className="journey-message" role="status">
          <span>{message.text}</span>
          {message.undo && (
            <button type="button" className="link-button" onClick={message.undo}>
              Undo
            </button>
          )}
        </div>
      )}
      <ErrorBanner error={error ?? overview.error} />
      {overview.isPending ? (
        <Loading what="journeys" />
      ) : rows.length === 0 ? (
        !overview.error && <JourneysEmpty q={q.trim()} status={status} counts={overview.data?.counts} onShowAll={() => refilter(() => { setQ(''); setStatus('active'); })} />
      ) : (
        <JourneysTable rows={rows} readOnly={readOnly} onChanged={changed} onError={setError} />
      )}
      {(cursors.length > 0 || overview.data?.nextCursor) && (
        <div className="inline-form">
          <button type="button" className="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous page
          </button>
          <button type="button" className="button" disabled={!overview.data?.nextCursor} onClick={() => setCursors([...cursors, overview.data?.nextCursor ?? ''])}>
            Next page
          </button>
        </div>
      )}
    </>
  );
}
