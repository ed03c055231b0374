import './journeyOperations.css';
import { useState } from 'react';
import { useOperationsState, type OperationsState } from '../api/journeyOps';
import { ErrorBanner } from '../components/ErrorBanner';
import { OlderVersionRuns } from './OlderVersionRuns';
import { OperationButtons } from './OperationButtons';

function describeState(state: OperationsState): string {
  const inFlight = `${state.runsInFlight} ${state.runsInFlight === 1 ? 'run' : 'runs'} in flight`;
  switch (state.pauseMode) {
    case 'hold':
      return `Paused: no new customers; runs held before their next step (${inFlight})`;
    case 'continue':
      return `Paused: no new customers; runs in flight carry on (${inFlight})`;
    case 'stopped':
      return `Stopped: no new customers (${inFlight})`;
    case null:
      return state.status === 'live' ? `Live: taking new customers (${inFlight})` : `${state.status[0]?.toUpperCase()}${state.status.slice(1)} (${inFlight})`;
    default: {
      const unknown: never = state.pauseMode;
      return String(unknown);
    }
  }
}

/** The journey page's operations bar: what the journey is doing now, and pause / resume / stop. */
export function JourneyOperations({ journeyId, name, liveVersionId }: { journeyId: string; name: string; liveVersionId: string | null }) {
  const state = useOperationsState(journeyId);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!state.data || (state.data.status !== 'live' && state.data.status !== 'paused')) return null;
  return (
    <section className="journey-operations" aria-label="Journey operations">
      <span className={`journey-operations-state journey-operations-${state.data.pauseMode ?? state.data.status}`} data-testid="journey-operations-state">
        {describeState(state.data)}
      </span>
      <OperationButtons
        journeyId={journeyId}
        name={name}
        status={state.data.status}
        onDone={(text) => {
          setError(null);
          setMessage(text);
        }}
        onError={setError}
      />
      {liveVersionId && state.data.runsOnOlderVersions > 0 && (
        <OlderVersionRuns journeyId={journeyId} liveVersionId={liveVersionId} count={state.data.runsOnOlderVersions} onDone={setMessage} onError={setError} />
      )}
      {message && <span role="status">{message}</span>}
      <ErrorBanner error={error} />
    </section>
  );
}
