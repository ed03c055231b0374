import type { FieldError, TemplateField } from './templateError';

/** How the editor names each field. */
export const FIELD_NAMES: Record<TemplateField, string> = { subject: 'Subject', html: 'HTML', text: 'Text' };

/** The one place a field's Liquid error shows: under that field, linked to it by `id` (aria-describedby). */
export function FieldErrorNote({ id, error }: { id: string; error: FieldError | null }) {
  if (!error) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {error.message}
    </p>
  );
}
