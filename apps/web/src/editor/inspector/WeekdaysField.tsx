import { WEEKDAYS, type Weekday } from '@lifecycle/journey';
import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import { useChoices } from './inspectorContext';

const dayNames: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** Days of the week as toggles, kept in calendar order. */
export function WeekdaysField({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange: (value: Weekday[]) => void }) {
  const { readOnly } = useChoices();
  const chosen = new Set(Array.isArray(value) ? (value as Weekday[]) : []);
  const problems = useFieldProblems(id);
  const toggle = (day: Weekday) => {
    const next = new Set(chosen);
    if (next.has(day)) next.delete(day);
    else next.add(day);
    onChange(WEEKDAYS.filter((candidate) => next.has(candidate)));
  };
  return (
    <fieldset className="field weekdays-field" id={id} {...problems.invalid(id)}>
      <legend>{label}</legend>
      <div className="weekday-toggles">
        {WEEKDAYS.map((day) => (
          <label key={day} className="weekday-toggle">
            <input type="checkbox" checked={chosen.has(day)} disabled={readOnly} onChange={() => toggle(day)} />
            {dayNames[day]}
          </label>
        ))}
      </div>
      <FieldProblem id={problems.problemId} messages={problems.messages} />
    </fieldset>
  );
}
