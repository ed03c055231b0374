import type { CustomerProfile } from '../api/customers';
import { formatTime } from '../components/formatTime';
import { RunFailureMark } from '../pages/RunFailureMark';
import { href } from '../router/href';
import { CustomerEvents } from './CustomerEvents';

/** The customer's journeys (and where each run stands), messages with opens/clicks, offers held and events (paged). */
export function CustomerActivity({ profile }: { profile: CustomerProfile }) {
  return (
    <>
      <h2>Journeys</h2>
      {profile.runs.length === 0 ? <p className="muted">Not in any journey.</p> : (
        <table className="table">
          <thead><tr><th scope="col">Journey</th><th scope="col">Status</th><th scope="col">At step</th><th scope="col">Started</th></tr></thead>
          <tbody>
            {profile.runs.map((run) => (
              <tr key={run.workflowId}>
                <td><a href={href.run(run.workflowId)}>{run.journeyName ?? run.journeyId}</a></td>
                <td>{run.status}{run.waitingUntil ? ` until ${formatTime(run.waitingUntil)}` : ''} <RunFailureMark failedSteps={run.failedSteps} /></td>
                <td>{run.currentNodeId ?? '—'}</td>
                <td>{formatTime(run.startedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Messages</h2>
      {profile.messages.length === 0 ? <p className="muted">No messages sent.</p> : (
        <table className="table">
          <thead><tr><th scope="col">Subject</th><th scope="col">Status</th><th scope="col">Sent</th><th scope="col">Opened</th><th scope="col">Clicked</th></tr></thead>
          <tbody>
            {profile.messages.map((message) => (
              <tr key={message.id}>
                <td>{message.subject ?? '—'}</td><td>{message.status}</td><td>{message.sentAt ? formatTime(message.sentAt) : '—'}</td>
                <td>{message.openedAt ? formatTime(message.openedAt) : 'no'}</td><td>{message.clickedAt ? formatTime(message.clickedAt) : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Offers held</h2>
      {profile.offers.length === 0 ? <p className="muted">No offers.</p> : (
        <ul>{profile.offers.map((offer) => <li key={`${offer.offerId}:${offer.code}`}>{offer.name}: <code>{offer.code}</code>{offer.grantedAt ? ` (granted ${formatTime(offer.grantedAt)})` : ''}</li>)}</ul>
      )}
      <h2>Events</h2>
      <CustomerEvents profile={profile} />
    </>
  );
}
