import type { TimeZoneChoice } from '@lifecycle/journey';
import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import { useChoices } from './inspectorContext';

/** Every IANA zone this browser knows, for the fixed-zone list. */
const zones: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

/** The customer's own time zone (trait `timezone`, else the workspace's), or one fixed zone picked by name. */
export function TimeZoneField({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange: (value: TimeZoneChoice) => void }) {
  const { readOnly } = useChoices();
  const choice = (value ?? { kind: 'customer' }) as Partial<TimeZoneChoice>;
  const problems = useFieldProblems(id, `${id}-zone`);
  const fixed = choice.kind === 'fixed';
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Read the time in</label>
        <select id={`${id}-kind`} value={fixed ? 'fixed' : 'customer'} disabled={readOnly} onChange={(event) => onChange(event.target.value === 'fixed' ? { kind: 'fixed', zone: 'UTC' } : { kind: 'customer' })}>
          <option value="customer">the customer's time zone</option>
          <option value="fixed">one time zone for everyone</option>
        </select>
      </div>
      {fixed && (
        <div className="field">
          <label htmlFor={`${id}-zone`}>Zone</label>
          <input id={`${id}-zone`} list={`${id}-zones`} value={'zone' in choice ? (choice.zone ?? '') : ''} readOnly={readOnly} {...problems.invalid(`${id}-zone`)} onChange={(event) => onChange({ kind: 'fixed', zone: event.target.value })} />
          <datalist id={`${id}-zones`}>
            {zones.map((zone) => <option key={zone} value={zone} />)}
          </datalist>
        </div>
      )}
      {!fixed && <p className="hint">From the trait <code>timezone</code> (an IANA name such as Europe/Paris); customers without one use the workspace's zone.</p>}
      <FieldProblem id={problems.problemId} messages={problems.messages} />
    </fieldset>
  );
}
