import { useCustomerEvents, type CustomerEvent, type CustomerProfile } from '../api/customers';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';

function eventLabel(event: CustomerEvent): string {
  return event.name ? `${event.type} · ${event.name}` : event.type;
}

/** The customer's events, newest first, a page at a time: "Load older events" appends the next older page. */
export function CustomerEvents({ profile }: { profile: CustomerProfile }) {
  // Keyed by the id the page was opened with, so invalidating that customer's queries refreshes these too.
  const events = useCustomerEvents(profile.requestedId, { customerId: profile.customer.id, events: profile.events, nextCursor: profile.eventsNextCursor });
  const shown = events.data.pages.flatMap((page) => page.events);
  if (shown.length === 0) return <p className="muted">No events.</p>;
  return (
    <>
      <ErrorBanner error={events.error} />
      <ol className="timeline">
        {shown.map((event) => (
          <li key={event.id}>
            <strong>{eventLabel(event)}</strong> <span className="muted">{formatTime(event.timestamp)}</span>
            {Object.keys(event.properties).length > 0 && <code className="muted"> {JSON.stringify(event.properties)}</code>}
          </li>
        ))}
      </ol>
      {events.hasNextPage && (
        <button type="button" className="button load-more" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          {events.isFetchingNextPage ? 'Loading…' : 'Load older events'}
        </button>
      )}
    </>
  );
}
