import type { JourneyListStatus } from '../api/journeyList';
import { EmptyState } from '../components/EmptyState';
import { href } from '../router/href';

const statusWords: Record<JourneyListStatus, string> = { active: '', live: 'live', draft: 'draft', paused: 'paused', archived: 'archived' };

/** Why the list is empty and what to do: no journeys at all, none matching the search, none under this filter. */
export function JourneysEmpty({ q, status, counts, onShowAll }: { q: string; status: JourneyListStatus; counts?: Record<JourneyListStatus, number>; onShowAll: () => void }) {
  const none = !q && counts !== undefined && Object.values(counts).every((count) => count === 0);
  if (none) {
    return (
      <EmptyState title="No journeys yet">
        <a href={href.newJourney()}>Create one</a> from a blank canvas or a starter.
      </EmptyState>
    );
  }
  const words = statusWords[status];
  const title = q ? `No ${words ? `${words} ` : ''}journeys match "${q}"` : status === 'archived' ? 'Nothing is archived' : `No ${words} journeys`;
  return (
    <EmptyState title={title}>
      {status === 'archived' && !q ? 'Archive a journey to keep it out of the list without deleting it; it can be brought back.' : 'Try another name or status. '}
      <button type="button" className="link-button" onClick={onShowAll}>
        Show all journeys
      </button>
    </EmptyState>
  );
}
