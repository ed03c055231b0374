import { useSegments } from '../api/segments';
import { canEdit, userOf, useSession } from '../api/session';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { href } from '../router/href';

/** Segments with their current sizes; each opens in the editor. */
export function SegmentsPage() {
  const segments = useSegments();
  const editable = canEdit(userOf(useSession().data));
  return (
    <>
      <PageHeader title="Segments">{editable && <a className="button button-primary" href={href.segment(null)}>New segment</a>}</PageHeader>
      <ErrorBanner error={segments.error} />
      {segments.isPending ? <Loading what="segments" /> : (segments.data ?? []).length === 0 ? (
        <EmptyState title="No segments yet">A segment groups customers by traits, stage, what they did and how they engaged; journeys can start when someone enters one.</EmptyState>
      ) : (
        <table className="table">
          <thead><tr><th scope="col">Name</th><th scope="col">Customers</th><th scope="col">Updated</th><th scope="col">Customers in it</th></tr></thead>
          <tbody>
            {(segments.data ?? []).map((segment) => (
              <tr key={segment.id}>
                <td><a href={href.segment(segment.id)}>{segment.name}</a>{segment.description && <div className="muted">{segment.description}</div>}</td>
                <td>{segment.size ?? 0}</td>
                <td>{formatTime(segment.updatedAt)}</td>
                <td><a href={href.customers({ segmentId: segment.id })}>View</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
