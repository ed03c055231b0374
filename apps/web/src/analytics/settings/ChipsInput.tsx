import { useState } from 'react';

/** A list of names as removable chips, with a text box (suggestions from `suggestions`) to add one; Enter or "Add" adds. */
export function ChipsInput({ id, values, suggestions, readOnly, onChange, placeholder }: { id: string; values: string[]; suggestions: string[]; readOnly: boolean; onChange: (values: string[]) => void; placeholder?: string }) {
  const [typed, setTyped] = useState('');
  const add = () => {
    const name = typed.trim();
    if (name && !values.includes(name)) onChange([...values, name]);
    setTyped('');
  };
  return (
    <div className="chips-input">
      <ul className="chips" aria-label="chosen">
        {values.map((value) => (
          <li key={value} className="chip">
            {value}
            {!readOnly && (
              <button type="button" className="chip-remove" aria-label={`Remove ${value}`} onClick={() => onChange(values.filter((other) => other !== value))}>
                ×
              </button>
            )}
          </li>
        ))}
        {values.length === 0 && <li className="muted small">none</li>}
      </ul>
      {!readOnly && (
        <span className="chips-add">
          <input
            id={id}
            value={typed}
            list={`${id}-suggestions`}
            placeholder={placeholder}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="button" onClick={add} aria-label={`Add to ${id}`}>
            Add
          </button>
          <datalist id={`${id}-suggestions`}>
            {suggestions.filter((name) => !values.includes(name)).map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </span>
      )}
    </div>
  );
}
