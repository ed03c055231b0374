import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import { useChoices } from './inspectorContext';
import { parseScalar, showValue } from './parseValue';

/** Key/value rows for a record of traits. */
export function TraitsField({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange: (value: unknown) => void }) {
  const { readOnly } = useChoices();
  const entries = Object.entries((value ?? {}) as Record<string, unknown>);
  const problems = useFieldProblems(id);
  const set = (next: [string, unknown][]) => onChange(next.length ? Object.fromEntries(next) : undefined);
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      <FieldProblem id={problems.problemId} messages={problems.messages} />
      {entries.map(([key, item], index) => (
        <div className="rule-row" key={index} role="group" aria-label={`Trait ${index + 1}`}>
          <label htmlFor={`${id}-${index}-key`} className="visually-hidden">Trait name</label>
          <input id={`${id}-${index}-key`} value={key} readOnly={readOnly} onChange={(event) => set(entries.map((entry, at) => (at === index ? [event.target.value, entry[1]] : entry)))} />
          <label htmlFor={`${id}-${index}-value`} className="visually-hidden">Trait value</label>
          <input id={`${id}-${index}-value`} value={showValue(item)} readOnly={readOnly} onChange={(event) => set(entries.map((entry, at) => (at === index ? [entry[0], parseScalar(event.target.value)] : entry)))} />
          {!readOnly && <button type="button" className="icon-button" aria-label="Remove trait" onClick={() => set(entries.filter((_, at) => at !== index))}>×</button>}
        </div>
      ))}
      {!readOnly && (
        <button type="button" className="button button-small" onClick={() => set([...entries, [`trait_${entries.length + 1}`, '']])}>
          + Trait
        </button>
      )}
    </fieldset>
  );
}
