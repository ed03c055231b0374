import type { JourneyOverviewRow } from '../api/journeyList';
import { formatTime } from '../components/formatTime';
import { StatusBadge } from '../components/StatusBadge';
import { href } from '../router/href';
import { JourneyRowActions, type ActionMessage } from './JourneyRowActions';

const count = new Intl.NumberFormat('en-US');

/** The journeys of one page with their live counts; links go to the editor and to the journey's runs. */
export function JourneysTable({ rows, readOnly, onChanged, onError }: { rows: JourneyOverviewRow[]; readOnly: boolean; onChanged: (message: ActionMessage) => void; onError: (error: unknown) => void }) {
  return (
    <table className="table" aria-label="Journeys">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Stage</th>
          <th scope="col">Status</th>
          <th scope="col">Live version</th>
          <th scope="col" className="numeric">In progress</th>
          <th scope="col" className="numeric">Converted</th>
          <th scope="col">Updated</th>
          {!readOnly && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((journey) => (
          <tr key={journey.id}>
            <td className="journey-name">
              <a href={href.journey(journey.id)}>{journey.name}</a>
            </td>
            <td>{journey.lifecycleStage ?? '—'}</td>
            <td>
              <StatusBadge status={journey.archivedAt ? 'archived' : journey.status} />
            </td>
            <td>{journey.liveVersion !== null ? `v${journey.liveVersion}` : '—'}</td>
            <td className="numeric" data-testid="in-progress">
              {journey.inProgress > 0 ? <a href={href.runs({ journeyId: journey.id })} aria-label={`${journey.inProgress} runs in progress in ${journey.name}`}>{count.format(journey.inProgress)}</a> : '0'}
            </td>
            <td className="numeric" data-testid="converted">
              {count.format(journey.converted)}
            </td>
            <td>{formatTime(journey.updatedAt)}</td>
            {!readOnly && (
              <td>
                <JourneyRowActions journey={journey} onChanged={onChanged} onError={onError} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
