import { TextField } from './TextField';
import { useChoices } from './inspectorContext';

/** An event name with suggestions of events seen before. */
export function EventNameField({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange: (value: unknown) => void }) {
  const { eventNames } = useChoices();
  return (
    <>
      <TextField id={id} label={label} value={value} onChange={onChange} list={`${id}-seen`} />
      <datalist id={`${id}-seen`}>
        {eventNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
