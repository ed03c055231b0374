import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import type { Duration } from '@lifecycle/journey';
import { useChoices } from './inspectorContext';

const units: Duration['unit'][] = ['seconds', 'minutes', 'hours', 'days', 'weeks'];

/** An amount and a unit, side by side. */
export function DurationField({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange: (value: unknown) => void }) {
  const { readOnly } = useChoices();
  const duration = (value ?? {}) as Partial<Duration>;
  const problems = useFieldProblems(id, `${id}-amount`, `${id}-unit`);
  return (
    <fieldset className="field duration-field">
      <legend>{label}</legend>
      <label htmlFor={`${id}-amount`} className="visually-hidden">
        {label} amount
      </label>
      <input
        id={`${id}-amount`}
        type="number"
        min={0}
        value={duration.amount ?? ''}
        readOnly={readOnly}
        {...problems.invalid(`${id}-amount`)}
        onChange={(event) => onChange({ ...duration, amount: event.target.value === '' ? undefined : Number(event.target.value) })}
      />
      <label htmlFor={`${id}-unit`} className="visually-hidden">
        {label} unit
      </label>
      <select id={`${id}-unit`} value={duration.unit ?? 'days'} disabled={readOnly} {...problems.invalid(`${id}-unit`)} onChange={(event) => onChange({ ...duration, unit: event.target.value })}>
        {units.map((unit) => (
          <option key={unit} value={unit}>
            {unit}
          </option>
        ))}
      </select>
      <FieldProblem id={problems.problemId} messages={problems.messages} />
    </fieldset>
  );
}
