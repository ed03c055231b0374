import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import { useChoices } from './inspectorContext';

/** A short list of names (traits shown in a team note) typed comma-separated; empty clears the field. */
export function StringListField(props: { id: string; label: string; value: unknown; onChange: (value: unknown) => void }) {
  const { readOnly } = useChoices();
  const { id, label, value, onChange } = props;
  const problems = useFieldProblems(id);
  const text = Array.isArray(value) ? value.join(', ') : '';
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        defaultValue={text}
        key={text}
        readOnly={readOnly}
        placeholder="plan, account_owner, mrr"
        {...problems.invalid(id)}
        onBlur={(event) => {
          const names = event.target.value.split(',').map((name) => name.trim()).filter((name) => name !== '');
          onChange(names.length > 0 ? names : undefined);
        }}
      />
      <FieldProblem id={problems.problemId} messages={problems.messages} />
    </div>
  );
}
