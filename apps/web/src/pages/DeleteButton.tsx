import './monitor.css';
import { useState, type ReactNode } from 'react';
import { deleteRefusal, type DeleteRefusal } from '../api/refusals';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { href } from '../router/href';

type Step = { kind: 'idle' } | { kind: 'confirm' } | { kind: 'refused'; refusal: DeleteRefusal } | { kind: 'failed'; message: string };

interface Props {
  /** What is deleted, as the question names it: `template "Welcome"`. */
  what: string;
  /** What deleting it means, shown in the confirmation (default: it cannot be undone). */
  consequence?: ReactNode;
  remove: (options: { cancelRuns: boolean }) => Promise<unknown>;
  onDeleted: () => void;
}

/** Why the API refused: its message, links to the journeys that use the thing, and for a journey "cancel N runs and delete". */
function Refusal({ refusal, busy, onCancelRuns }: { refusal: DeleteRefusal; busy: boolean; onCancelRuns: () => void }) {
  return (
    <div role="alert" className="banner banner-error delete-refused">
      {refusal.message}
      {refusal.journeys.length > 0 && (
        <ul className="delete-users">
          {refusal.journeys.map((journey) => (
            <li key={journey.id}>
              <a href={href.journey(journey.id)}>{journey.name}</a>
            </li>
          ))}
        </ul>
      )}
      {refusal.runsInFlight !== null && (
        <button type="button" className="button button-danger" disabled={busy} onClick={onCancelRuns}>
          Cancel {refusal.runsInFlight} {refusal.runsInFlight === 1 ? 'run' : 'runs'} and delete
        </button>
      )}
    </div>
  );
}

/** A Delete button confirmed in a dialog; shows why the API refused (who uses it, runs in flight). */
export function DeleteButton({ what, consequence = 'This cannot be undone.', remove, onDeleted }: Props) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  async function attempt(cancelRuns: boolean) {
    setBusy(true);
    try {
      await remove({ cancelRuns });
      setStep({ kind: 'idle' });
      onDeleted();
    } catch (error) {
      const refusal = deleteRefusal(error);
      setStep(refusal ? { kind: 'refused', refusal } : { kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="delete-action">
      <button type="button" className="button button-small" aria-label={`Delete ${what}`} onClick={() => setStep({ kind: 'confirm' })}>
        Delete
      </button>
      {step.kind === 'confirm' && (
        <ConfirmDialog title={`Delete ${what}?`} confirmLabel="Yes, delete" cancelLabel="Keep it" busy={busy} onConfirm={() => void attempt(false)} onCancel={() => setStep({ kind: 'idle' })}>
          {consequence}
        </ConfirmDialog>
      )}
      {step.kind === 'refused' && <Refusal refusal={step.refusal} busy={busy} onCancelRuns={() => void attempt(true)} />}
      {step.kind === 'failed' && (
        <span role="alert" className="error-text">
          {step.message}
        </span>
      )}
    </div>
  );
}
