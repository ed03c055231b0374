import type { SimulatedCall } from './simulationApi';

const kindWords: Record<SimulatedCall['kind'], string> = { webhook: 'Webhook', team_email: 'Team email', team_chat: 'Team chat post' };

/** The webhook calls and team alerts the run would have made, exactly as they would go out. Nothing was called. */
export function SimulatedCalls({ calls, names }: { calls: SimulatedCall[]; names: Map<string, string> }) {
  if (calls.length === 0) return null;
  return (
    <>
      <h3>Calls and team alerts</h3>
      <ul className="sim-emails" aria-label="Calls and team alerts">
        {calls.map((call, index) => (
          <li key={`${call.nodeId}-${index}`} className="sim-email">
            <p className="sim-email-head">
              <strong>
                {kindWords[call.kind]}: {call.method ? `${call.method} ` : ''}
                {call.target}
              </strong>
              <span className="hint">{names.get(call.nodeId) ?? call.nodeId} · not sent (simulation)</span>
            </p>
            {call.subject && <p>Subject: {call.subject}</p>}
            {Object.keys(call.headers).length > 0 && (
              <pre className="sim-text" tabIndex={0}>
                {Object.entries(call.headers)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join('\n')}
              </pre>
            )}
            {call.body && (
              <details>
                <summary>Body</summary>
                <pre className="sim-text" tabIndex={0}>{call.body}</pre>
              </details>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
