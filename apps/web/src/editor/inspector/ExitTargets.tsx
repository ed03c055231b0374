import type { DraftNode, JourneyDraft } from '@lifecycle/journey';
import { nodeTitle } from '../../canvas/nodeTitle';
import { exitHandles } from '../exitHandles';

/** Where each exit of the step leads, as a select per exit: connecting steps without dragging (keyboard, screen readers). */
export function ExitTargets(props: { node: DraftNode; draft: JourneyDraft; readOnly: boolean; onConnect: (exit: string, target: string | null) => void }) {
  const { node, draft, readOnly, onConnect } = props;
  const exits = exitHandles(node, draft.edges);
  if (exits.length === 0) return null;
  const targets = draft.nodes.filter((other) => other.id !== node.id && other.type !== 'trigger');
  return (
    <section className="inspector exit-targets" aria-label={`Connections of ${node.label || node.id}`}>
      <h2>Connections</h2>
      {exits.map((exit) => {
        const id = `leads-to-${node.id}-${exit.id}`;
        const current = draft.edges.find((edge) => edge.source === node.id && edge.sourceExit === exit.id)?.target ?? '';
        return (
          <div className="field" key={exit.id}>
            <label htmlFor={id}>“{exit.label}” leads to</label>
            <select id={id} value={current} disabled={readOnly} onChange={(event) => onConnect(exit.id, event.target.value || null)}>
              <option value="">— not connected —</option>
              {targets.map((target) => (
                <option key={target.id} value={target.id}>
                  {target.label || target.id} ({nodeTitle[target.type]})
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </section>
  );
}
