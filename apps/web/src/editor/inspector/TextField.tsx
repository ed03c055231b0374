import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import { useChoices } from './inspectorContext';

/** A labelled text or number input; empty text clears an optional field. */
export function TextField(props: { id: string; label: string; value: unknown; onChange: (value: unknown) => void; numeric?: boolean; list?: string; optional?: boolean; fixed?: boolean }) {
  const choices = useChoices();
  const { id, label, value, onChange, numeric, list, optional, fixed } = props;
  const readOnly = choices.readOnly || fixed === true;
  const problems = useFieldProblems(id);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={numeric ? 'number' : 'text'}
        value={value === undefined || value === null ? '' : typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value)}
        readOnly={readOnly}
        list={list}
        {...problems.invalid(id)}
        onChange={(event) => {
          const text = event.target.value;
          if (text === '' && optional) onChange(undefined);
          else onChange(numeric ? (text === '' ? undefined : Number(text)) : text);
        }}
      />
      <FieldProblem id={problems.problemId} messages={problems.messages} />
    </div>
  );
}
