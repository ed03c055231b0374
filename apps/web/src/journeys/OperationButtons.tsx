import { useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { pauseJourney, resumeJourney, stopJourney, stopPreview, type PauseMode, type SignalReport } from '../api/journeyOps';
import type { JourneyStatus } from '../api/journeys';
import { ConfirmDialog } from '../components/ConfirmDialog';

type Step = { kind: 'idle' } | { kind: 'pause' } | { kind: 'stop'; count: number };

interface Props {
  journeyId: string;
  name: string;
  status: JourneyStatus;
  /** Small buttons, for a row of the journeys list. */
  compact?: boolean;
  /** What happened, in a sentence, for the caller's status line. */
  onDone: (message: string) => void;
  onError: (error: unknown) => void;
}

const unreached = (signals: SignalReport) => (signals.failed.length > 0 ? ` ${signals.failed.length} runs could not be reached yet; do it again to reach them.` : '');
const runs = (count: number) => `${count} ${count === 1 ? 'run' : 'runs'}`;

/** Pause (runs continue or are held), resume, stop (after showing how many runs it cancels): a journey's operations. */
export function OperationButtons({ journeyId, name, status, compact = false, onDone, onError }: Props) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [mode, setMode] = useState<PauseMode>('continue');
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const radioName = useId();
  const buttonClass = compact ? 'button button-small' : 'button';
  /** Runs an action; the dialog that asked for it (if any) closes when it ends, unless the action opened one. */
  async function act(action: () => Promise<string | null>, closeDialog = true) {
    setBusy(true);
    try {
      const message = await action();
      if (message) onDone(message);
      await queryClient.invalidateQueries({ predicate: (query) => ['journey-operations', 'journey', 'journeys', 'runs', 'run-counts'].includes(String(query.queryKey[0])) });
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
      if (closeDialog) setStep({ kind: 'idle' });
    }
  }
  const pause = () =>
    act(async () => {
      const { signals } = await pauseJourney(journeyId, mode);
      const how = mode === 'hold' ? `${runs(signals.signalled)} in flight held before their next step.` : 'Runs in flight carry on.';
      return `Paused "${name}": it takes no new customers. ${how}${unreached(signals)}`;
    });
  const resume = () =>
    act(async () => {
      const { signals } = await resumeJourney(journeyId);
      return `Resumed "${name}": it takes new customers again${signals.signalled > 0 ? ` and ${runs(signals.signalled)} in flight were released` : ''}.${unreached(signals)}`;
    });
  const askStop = () =>
    act(async () => {
      setStep({ kind: 'stop', count: (await stopPreview(journeyId)).runsInFlight });
      return null;
    }, false);
  const stop = (count: number) =>
    act(async () => {
      const result = await stopJourney(journeyId, count);
      return `Stopped "${name}": it takes no new customers; cancel requested for ${runs(result.requested + result.markedCancelled)}${result.failed ? ` (${result.failed} could not be cancelled)` : ''}.`;
    });
  const operable = status === 'live' || status === 'paused';
  if (!operable) return null;
  return (
    <>
      {status === 'live' && (
        <button type="button" className={buttonClass} disabled={busy} aria-label={`Pause journey "${name}"`} onClick={() => setStep({ kind: 'pause' })}>
          Pause…
        </button>
      )}
      {status === 'paused' && (
        <button type="button" className={buttonClass} disabled={busy} aria-label={`Resume journey "${name}"`} onClick={() => void resume()}>
          Resume
        </button>
      )}
      <button type="button" className={buttonClass} disabled={busy} aria-label={`Stop journey "${name}"`} onClick={() => void askStop()}>
        Stop…
      </button>
      {step.kind === 'pause' && (
        <ConfirmDialog title={`Pause journey "${name}"?`} confirmLabel="Pause journey" cancelLabel="Keep it live" tone="primary" busy={busy} onConfirm={() => void pause()} onCancel={() => setStep({ kind: 'idle' })}>
          <p>No new customers enter while it is paused. Customers already in it:</p>
          <fieldset className="pause-mode">
            <legend className="visually-hidden">Runs in flight</legend>
            <label>
              <input type="radio" name={radioName} value="continue" checked={mode === 'continue'} onChange={() => setMode('continue')} /> Continue: they carry on through the journey
            </label>
            <label>
              <input type="radio" name={radioName} value="hold" checked={mode === 'hold'} onChange={() => setMode('hold')} /> Hold: each stops before its next step until you resume
            </label>
          </fieldset>
        </ConfirmDialog>
      )}
      {step.kind === 'stop' && (
        <ConfirmDialog
          title={`Stop journey "${name}" and cancel ${runs(step.count)}?`}
          confirmLabel={step.count > 0 ? `Stop and cancel ${runs(step.count)}` : 'Stop journey'}
          cancelLabel="Keep them"
          busy={busy}
          onConfirm={() => void stop(step.count)}
          onCancel={() => setStep({ kind: 'idle' })}
        >
          <p>
            <strong data-testid="stop-count">{step.count}</strong> {step.count === 1 ? 'customer is' : 'customers are'} in this journey now. Stopping cancels every one of those
            runs (they get nothing more from it) and the journey takes no new customers until you resume it. Cancelled runs cannot be restarted.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
