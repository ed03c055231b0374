import type { FieldIssues } from './fieldIssues';

/** The API's message for one field, shown under it (and read with it: the input's aria-describedby names it). */
export function FieldError({ issues, path, id }: { issues: FieldIssues; path: string; id: string }) {
  const message = issues[path];
  if (!message) return null;
  return (
    <span id={`${id}-error`} className="offer-field-error">
      {message}
    </span>
  );
}
