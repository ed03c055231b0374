import type { Duration } from '@lifecycle/journey';
import { useConditionChoices } from './conditionChoices';

const units = ['hours', 'days', 'weeks'] as const;

/** "ever" or "in the last N units". */
export function HistoryWindowField({ id, name, within, onChange }: { id: string; name: string; within: Duration | undefined; onChange: (within: Duration | undefined) => void }) {
  const { readOnly } = useConditionChoices();
  return (
    <>
      <select id={`${id}-within`} aria-label={`${name} window`} value={within ? 'window' : 'ever'} disabled={readOnly} onChange={(e) => onChange(e.target.value === 'ever' ? undefined : { amount: 30, unit: 'days' })}>
        <option value="ever">ever</option>
        <option value="window">in the last</option>
      </select>
      {within && (
        <>
          <input id={`${id}-within-amount`} aria-label={`${name} window length`} type="number" min={1} value={within.amount} readOnly={readOnly} className="number-input" onChange={(e) => onChange({ ...within, amount: Math.max(1, Number(e.target.value)) })} />
          <select id={`${id}-within-unit`} aria-label={`${name} window unit`} value={within.unit} disabled={readOnly} onChange={(e) => onChange({ ...within, unit: e.target.value as Duration['unit'] })}>
            {units.map((unit) => <option key={unit} value={unit}>{unit}</option>)}
            {!units.includes(within.unit as (typeof units)[number]) && <option value={within.unit}>{within.unit}</option>}
          </select>
        </>
      )}
    </>
  );
}
