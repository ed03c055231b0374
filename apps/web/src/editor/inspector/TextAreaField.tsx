import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import { useChoices } from './inspectorContext';

/** A multi-line text (a webhook's JSON body, a team note's message); empty clears an optional field. */
export function TextAreaField(props: { id: string; label: string; value: unknown; onChange: (value: unknown) => void; optional?: boolean }) {
  const { readOnly } = useChoices();
  const { id, label, value, onChange, optional } = props;
  const problems = useFieldProblems(id);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={6}
        spellCheck={false}
        className="code-input"
        value={typeof value === 'string' ? value : ''}
        readOnly={readOnly}
        {...problems.invalid(id)}
        onChange={(event) => onChange(event.target.value === '' && optional ? undefined : event.target.value)}
      />
      <FieldProblem id={problems.problemId} messages={problems.messages} />
    </div>
  );
}
