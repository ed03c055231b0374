import { useState } from 'react';
import { deleteJourney } from '../api/journeyEdits';
import { duplicateJourney, setJourneyArchived, type JourneyOverviewRow } from '../api/journeyList';
import { DeleteButton } from '../pages/DeleteButton';
import { href } from '../router/href';
import { navigate } from '../router/useRoute';
import { OperationButtons } from './OperationButtons';

/** What a row action did, for the status line above the list (an archive can be undone from there). */
export type ActionMessage = { text: string; undo?: () => void };

interface Props {
  journey: JourneyOverviewRow;
  /** Something changed: refresh the lists and say what happened. */
  onChanged: (message: ActionMessage) => void;
  onError: (error: unknown) => void;
}

/** Pause, resume or stop (live and paused journeys), duplicate (opens the copy in the editor), archive or unarchive, delete: one row's actions. */
export function JourneyRowActions({ journey, onChanged, onError }: Props) {
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  const archived = journey.archivedAt !== null;
  const unarchive = () => setJourneyArchived(journey.id, false).then(() => onChanged({ text: `Unarchived "${journey.name}".` }), onError);
  const archive = () =>
    act(async () => {
      await setJourneyArchived(journey.id, true);
      const inFlight = journey.inProgress > 0 ? ` ${journey.inProgress} ${journey.inProgress === 1 ? 'run in flight carries on' : 'runs in flight carry on'}.` : '';
      onChanged({ text: `Archived "${journey.name}": it takes no new customers.${inFlight}`, undo: () => void unarchive() });
    });
  return (
    <div className="journey-actions">
      {!archived && <OperationButtons journeyId={journey.id} name={journey.name} status={journey.status} compact onDone={(text) => onChanged({ text })} onError={onError} />}
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        aria-label={`Duplicate journey "${journey.name}"`}
        onClick={() => void act(async () => navigate(href.journey((await duplicateJourney(journey.id)).id)))}
      >
        Duplicate
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        aria-label={`${archived ? 'Unarchive' : 'Archive'} journey "${journey.name}"`}
        onClick={() => void (archived ? act(unarchive) : archive())}
      >
        {archived ? 'Unarchive' : 'Archive'}
      </button>
      <DeleteButton
        what={`journey "${journey.name}"`}
        consequence="Its draft and every published version go; run history stays on the runs page. If customers are in it now, you are asked whether to cancel their runs first. To keep it out of the way instead, archive it."
        remove={(options) => deleteJourney(journey.id, options)}
        onDeleted={() => onChanged({ text: `Deleted "${journey.name}".` })}
      />
    </div>
  );
}
