import { localInputOf, momentOfLocalInput } from '@lifecycle/journey';
import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import { useChoices } from './inspectorContext';

/** The viewer's IANA zone: a fixed date is typed on their own clock and stored with its offset. */
const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A date and time on the viewer's clock, stored as an ISO moment with its offset (`2026-12-24T09:00:00.000+01:00`). */
export function MomentField({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange: (value: string | undefined) => void }) {
  const { readOnly } = useChoices();
  const problems = useFieldProblems(id);
  const zone = viewerZone();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="datetime-local"
        value={localInputOf(value, zone)}
        readOnly={readOnly}
        {...problems.invalid(id)}
        onChange={(event) => onChange(momentOfLocalInput(event.target.value, zone))}
      />
      <p className="hint">On your clock ({zone}); a date already past when a customer gets here moves them on at once.</p>
      <FieldProblem id={problems.problemId} messages={problems.messages} />
    </div>
  );
}
