import { useChoices } from './inspectorContext';

/** A labelled select over fixed options. */
export function EnumField(props: { id: string; label: string; value: unknown; options: { value: string; label: string }[]; onChange: (value: string | undefined) => void; optional?: boolean }) {
  const { readOnly } = useChoices();
  const { id, label, value, options, onChange, optional } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={typeof value === 'string' ? value : ''} disabled={readOnly} onChange={(event) => onChange(event.target.value || undefined)}>
        {(optional || typeof value !== 'string') && <option value="">— choose —</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
