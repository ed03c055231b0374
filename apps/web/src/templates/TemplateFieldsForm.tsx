import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { TemplateFields } from '../api/templates';
import { TemplateVariablesHelp } from '../pages/TemplateVariablesHelp';
import { FIELD_NAMES, FieldErrorNote } from './FieldErrorNote';
import { insertAtCursor } from './insertAtCursor';
import type { FieldError, TemplateField } from './templateError';
import { VariablePicker } from './VariablePicker';

type Props = {
  fields: TemplateFields;
  readOnly: boolean;
  errorOf: (field: TemplateField) => FieldError | null;
  onChange: (fields: TemplateFields) => void;
  onSubmit: () => void;
};

/** Name, subject, HTML and text; "Insert variable" puts the chosen Liquid at the cursor of the field last edited. */
export function TemplateFieldsForm({ fields, readOnly, errorOf, onChange, onSubmit }: Props) {
  const subject = useRef<HTMLInputElement>(null);
  const html = useRef<HTMLTextAreaElement>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  const elements = { subject, html, text };
  const [lastField, setLastField] = useState<TemplateField>('html');
  const set = (key: keyof TemplateFields) => (event: { target: { value: string } }) => onChange({ ...fields, [key]: event.target.value });
  const insert = (liquid: string) => {
    const element = elements[lastField].current;
    const value = fields[lastField] ?? '';
    const next = insertAtCursor({ value, start: element?.selectionStart ?? value.length, end: element?.selectionEnd ?? value.length }, liquid);
    // Rendered before the caret is placed, or the browser would put it at the end of the old value.
    flushSync(() => onChange({ ...fields, [lastField]: next.value }));
    element?.focus();
    element?.setSelectionRange(next.caret, next.caret);
  };
  const liquidProps = (field: TemplateField) => {
    const error = errorOf(field);
    return {
      id: `template-${field}`,
      readOnly,
      value: fields[field] ?? '',
      onChange: set(field),
      onFocus: () => setLastField(field),
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `template-${field}-error` : undefined,
    };
  };
  return (
    <form className="form-card template-fields" onSubmit={(event) => { event.preventDefault(); onSubmit(); }}>
      <div className="field"><label htmlFor="template-name">Name</label><input id="template-name" value={fields.name} readOnly={readOnly} onChange={set('name')} /></div>
      {!readOnly && <VariablePicker into={FIELD_NAMES[lastField]} onInsert={insert} />}
      <div className="field">
        <label htmlFor="template-subject">Subject</label>
        <input ref={subject} {...liquidProps('subject')} />
        <FieldErrorNote id="template-subject-error" error={errorOf('subject')} />
      </div>
      <div className="field">
        <label htmlFor="template-html">HTML (Liquid)</label>
        <textarea ref={html} rows={14} className="code-input" {...liquidProps('html')} />
        <FieldErrorNote id="template-html-error" error={errorOf('html')} />
      </div>
      <div className="field">
        <label htmlFor="template-text">Text (Liquid, optional: made from the HTML when empty)</label>
        <textarea ref={text} rows={6} className="code-input" {...liquidProps('text')} />
        <FieldErrorNote id="template-text-error" error={errorOf('text')} />
      </div>
      <TemplateVariablesHelp />
    </form>
  );
}
