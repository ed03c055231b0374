import { newRow, type ScriptRow } from './scriptRows';
import type { StepsOf, TimeUnit } from './simulationApi';

const UNITS: TimeUnit[] = ['minutes', 'hours', 'days', 'weeks'];

/** What the customer does, line by line: an event (with properties) or opening / clicking one of the journey's emails. */
export function ScriptEditor({ rows, graph, onChange }: { rows: ScriptRow[]; graph: StepsOf; onChange: (rows: ScriptRow[]) => void }) {
  const sends = graph.nodes.filter((node) => node.type === 'send_email');
  const update = (key: number, change: Partial<ScriptRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <fieldset className="sim-script">
      <legend>What the customer does</legend>
      {rows.length === 0 && <p className="hint">Nothing: the customer does nothing after entering. Add a line to script an event.</p>}
      <ol className="sim-script-lines">
        {rows.map((row, index) => {
          const n = index + 1;
          return (
            <li key={row.key} className="sim-script-line">
              <label>
                <span className="visually-hidden">Line {n}: what happens</span>
                <select value={row.kind} onChange={(event) => update(row.key, { kind: event.target.value as ScriptRow['kind'], sendNodeId: row.sendNodeId || sends[0]?.id || '' })}>
                  <option value="event">Event</option>
                  <option value="opens" disabled={sends.length === 0}>Opens email</option>
                  <option value="clicks" disabled={sends.length === 0}>Clicks email</option>
                </select>
              </label>
              {row.kind === 'event' ? (
                <label>
                  <span className="visually-hidden">Line {n}: event name</span>
                  <input value={row.event} placeholder="event name" onChange={(event) => update(row.key, { event: event.target.value })} />
                </label>
              ) : (
                <label>
                  <span className="visually-hidden">Line {n}: email step</span>
                  <select value={row.sendNodeId} onChange={(event) => update(row.key, { sendNodeId: event.target.value })}>
                    {sends.map((node) => (
                      <option key={node.id} value={node.id}>
                        {node.label?.trim() || node.id}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <label className="sim-after">
                after
                <input type="number" min="0" step="any" value={row.amount} aria-label={`Line ${n}: after how many ${row.unit}`} onChange={(event) => update(row.key, { amount: event.target.value })} />
              </label>
              <label>
                <span className="visually-hidden">Line {n}: unit</span>
                <select value={row.unit} onChange={(event) => update(row.key, { unit: event.target.value as TimeUnit })}>
                  {UNITS.map((unit) => (
                    <option key={unit} value={unit}>
                      {unit}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="sim-link" onClick={() => onChange(rows.filter((other) => other.key !== row.key))}>
                Remove<span className="visually-hidden"> line {n}</span>
              </button>
              {row.kind === 'event' && (
                <label className="sim-properties">
                  <span className="visually-hidden">Line {n}: properties (JSON)</span>
                  <input className="code-input" value={row.properties} placeholder='properties, e.g. {"revenue": 40}' onChange={(event) => update(row.key, { properties: event.target.value })} />
                </label>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="button" onClick={() => onChange([...rows, newRow(sends[0]?.id)])}>
        Add a script line
      </button>
    </fieldset>
  );
}
