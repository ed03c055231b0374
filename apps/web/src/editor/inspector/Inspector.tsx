import { useMemo } from 'react';
import type { DraftNode } from '@lifecycle/journey';
import { nodeTitle } from '../../canvas/nodeTitle';
import { useFieldFocus } from './fieldFocus';
import { FieldProblemsContext } from './fieldProblems';
import { ObjectFields } from './ObjectFields';
import { TriggerFields } from './TriggerFields';
import { useEntryProblems } from './useEntryProblems';
import { NextEntriesPreview } from './NextEntriesPreview';
import { useStepFieldProblems } from './useStepFieldProblems';
import { WaitFields } from './WaitFields';
import { nodeSchemaOf } from './zodShape';

/**
 * The settings of the selected node, as a form generated from its zod schema: each field's problem right under it,
 * the step's other problems (wiring, the server's findings) on top.
 */
export function Inspector({ node, problems, onChange }: { node: DraftNode; problems: string[]; onChange: (node: DraftNode, field: string) => void }) {
  const shape = nodeSchemaOf(node.type);
  const value = node as Record<string, unknown>;
  const prefix = `inspector-${node.id}`;
  const stepProblems = useStepFieldProblems(node, problems);
  // A trigger's missing segment or stage shows beside its picker, not in the list on top.
  const entryProblems = useEntryProblems(node, problems);
  const byField = useMemo(() => new Map([...stepProblems.byField, ...entryProblems]), [stepProblems.byField, entryProblems]);
  const others = stepProblems.others.filter((message) => ![...entryProblems.values()].some((messages) => messages.includes(message)));
  const fieldProblems = useMemo(() => ({ prefix, byField }), [prefix, byField]);
  useFieldFocus(node.id, prefix);
  const change = (next: Record<string, unknown>) => {
    const field = Object.keys({ ...value, ...next }).find((key) => next[key] !== value[key]) ?? 'node';
    onChange({ ...(next as DraftNode), id: node.id, type: node.type, ...(node.position ? { position: node.position } : {}) }, field);
  };
  // A trigger's and a wait's own forms (what starts a run; for a length of time or until a moment); others are generic.
  const Fields = node.type === 'trigger' ? TriggerFields : node.type === 'wait' ? WaitFields : ObjectFields;
  return (
    <section className="inspector" aria-label={`Settings of ${node.label || node.id}`}>
      <h2>{nodeTitle[node.type]}</h2>
      {others.length > 0 && (
        <ul className="inspector-problems" aria-label="Problems with this step">
          {others.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <FieldProblemsContext.Provider value={fieldProblems}>
        <form onSubmit={(event) => event.preventDefault()}>
          <Fields shape={shape} value={value} path={prefix} onChange={change} />
        </form>
        {node.type === 'trigger' && <NextEntriesPreview entry={node.entry} />}
      </FieldProblemsContext.Provider>
    </section>
  );
}
