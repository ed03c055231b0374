import type { ReactNode } from 'react';

/** A labelled field with its help text and the API's complaints about it right underneath. */
export function Field({ id, label, help, errors, children }: { id: string; label: string; help?: ReactNode; errors?: string[]; children: ReactNode }) {
  return (
    <div className="field settings-field" data-field={id}>
      <label htmlFor={id}>{label}</label>
      {children}
      {help && <span className="hint small">{help}</span>}
      {errors?.map((message) => (
        <span key={message} className="field-error" role="alert" id={`${id}-error`}>
          {message}
        </span>
      ))}
    </div>
  );
}
