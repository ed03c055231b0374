import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import { useChoices } from './inspectorContext';

/** A labelled select over fixed options. */
export function EnumField(props: { id: string; label: string; value: unknown; options: { value: string; label: string }[]; onChange: (value: string | undefined) => void; optional?: boolean }) {
  const { readOnly } = useChoices();
  const { id, label, value, options, onChange, optional } = props;
  const problems = useFieldProblems(id);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={typeof value === 'string' ? value : ''} disabled={readOnly} {...problems.invalid(id)} onChange={(event) => onChange(event.target.value || undefined)}>
        {(optional || typeof value !== 'string') && <option value="">— choose —</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldProblem id={problems.problemId} messages={problems.messages} />
    </div>
  );
}
