import type { SimulatedStep } from './simulationApi';
import { afterEntry } from './virtualTime';

/** The evidence a step recorded (rules and the values they saw, the event matched), when there is any. */
function Evidence({ detail }: { detail: Record<string, unknown> | null }) {
  if (!detail || Object.keys(detail).length === 0) return null;
  return (
    <details className="sim-evidence">
      <summary>Values seen</summary>
      <pre tabIndex={0}>{JSON.stringify(detail, null, 2)}</pre>
    </details>
  );
}

/** "+1 h" for an instant step, "+1 h – +2 h" for one that waited. */
function timeSpan(startedAt: string | null, step: SimulatedStep): string {
  const entered = afterEntry(startedAt, step.enteredAt);
  const left = afterEntry(startedAt, step.leftAt);
  return left && left !== entered ? `${entered} – ${left}` : entered;
}

/** The path the simulated customer took, step by step, at virtual times after entry, with each step's reason. */
export function SimulationPath({ path, startedAt, onPick }: { path: SimulatedStep[]; startedAt: string | null; onPick?: (nodeId: string) => void }) {
  return (
    <ol className="sim-path" aria-label="Simulated path">
      {path.map((step) => (
        <li key={`${step.nodeId}-${step.enteredAt}`} className={step.failed ? 'sim-step failed' : 'sim-step'}>
          <div className="sim-step-head">
            {onPick ? (
              <button type="button" className="sim-link sim-step-name" onClick={() => onPick(step.nodeId)}>
                {step.name}
              </button>
            ) : (
              <span className="sim-step-name">{step.name}</span>
            )}
            <span className="sim-time">{timeSpan(startedAt, step)}</span>
          </div>
          <p className="sim-outcome">
            {step.outcome ?? ''}
            {step.exit && step.exit !== 'next' && !(step.outcome ?? '').toLowerCase().includes(step.exit.toLowerCase()) && <span className="sim-exit"> → {step.exit.replace('_', ' ')}</span>}
          </p>
          <Evidence detail={step.detail} />
        </li>
      ))}
    </ol>
  );
}
