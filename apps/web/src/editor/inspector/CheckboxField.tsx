import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import { useChoices } from './inspectorContext';

/** A labelled checkbox; unticking an optional flag removes it rather than storing `false`. */
export function CheckboxField({ id, label, value, onChange, optional }: { id: string; label: string; value: unknown; onChange: (value: unknown) => void; optional?: boolean }) {
  const { readOnly } = useChoices();
  const problems = useFieldProblems(id);
  return (
    <div className="field field-checkbox">
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={value === true} disabled={readOnly} {...problems.invalid(id)} onChange={(event) => onChange(event.target.checked ? true : optional ? undefined : false)} /> {label}
      </label>
      <FieldProblem id={problems.problemId} messages={problems.messages} />
    </div>
  );
}
