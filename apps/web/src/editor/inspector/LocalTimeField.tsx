import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import { useChoices } from './inspectorContext';

/** A time of day, `HH:MM` on a 24-hour clock (the browser's own time picker). */
export function LocalTimeField({ id, label, value, onChange, optional }: { id: string; label: string; value: unknown; onChange: (value: string | undefined) => void; optional?: boolean }) {
  const { readOnly } = useChoices();
  const problems = useFieldProblems(id);
  return (
    <div className="field">
      <label htmlFor={id}>{optional ? `${label} (optional)` : label}</label>
      <input id={id} type="time" step={60} value={typeof value === 'string' ? value : ''} readOnly={readOnly} {...problems.invalid(id)} onChange={(event) => onChange(event.target.value || undefined)} />
      <FieldProblem id={problems.problemId} messages={problems.messages} />
    </div>
  );
}
