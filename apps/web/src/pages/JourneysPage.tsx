import { useQueryClient } from '@tanstack/react-query';
import { deleteJourney } from '../api/journeyEdits';
import { useJourneys } from '../api/journeys';
import { canEdit, userOf, useSession } from '../api/session';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { StatusBadge } from '../components/StatusBadge';
import { href } from '../router/href';
import { DeleteButton } from './DeleteButton';

/** All journeys, newest change first. */
export function JourneysPage() {
  const journeys = useJourneys();
  const readOnly = !canEdit(userOf(useSession().data));
  const queryClient = useQueryClient();
  const deleted = () => {
    void queryClient.invalidateQueries({ queryKey: ['journeys'] });
    void queryClient.invalidateQueries({ predicate: (query) => ['runs', 'run-counts'].includes(String(query.queryKey[0])) });
  };
  const rows = [...(journeys.data ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <>
      <PageHeader title="Journeys">
        <a className="button button-primary" href={href.newJourney()}>
          New journey
        </a>
      </PageHeader>
      <ErrorBanner error={journeys.error} />
      {journeys.isPending ? (
        <Loading what="journeys" />
      ) : rows.length === 0 ? (
        !journeys.error && (
          <EmptyState title="No journeys yet">
            <a href={href.newJourney()}>Create one</a> from a blank canvas or a starter.
          </EmptyState>
        )
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Stage</th>
              <th scope="col">Status</th>
              <th scope="col">Live version</th>
              <th scope="col">Updated</th>
              {!readOnly && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((journey) => (
              <tr key={journey.id}>
                <td>
                  <a href={href.journey(journey.id)}>{journey.name}</a>
                </td>
                <td>{journey.lifecycleStage ?? '—'}</td>
                <td>
                  <StatusBadge status={journey.status} />
                </td>
                <td>{journey.liveVersion != null ? `v${journey.liveVersion}` : journey.liveVersionId ? 'published' : '—'}</td>
                <td>{formatTime(journey.updatedAt)}</td>
                {!readOnly && (
                  <td>
                    <DeleteButton what={`journey "${journey.name}"`} remove={(options) => deleteJourney(journey.id, options)} onDeleted={deleted} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
