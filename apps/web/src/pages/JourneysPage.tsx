import { useJourneys } from '../api/journeys';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { StatusBadge } from '../components/StatusBadge';
import { href } from '../router/href';

/** All journeys, newest change first. */
export function JourneysPage() {
  const journeys = useJourneys();
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
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
