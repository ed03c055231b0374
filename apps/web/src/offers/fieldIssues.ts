import { ApiError } from '../api/client';

/** The API's 400 issues by field path (`discount.value` → its message), so each shows next to its field. */
export type FieldIssues = Record<string, string>;

/** The field messages of an API refusal; empty for any other error (then the caller shows the error's message). */
export function fieldIssuesOf(error: unknown): FieldIssues {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const issues = (error.body as { issues?: { path: string; message: string }[] } | null)?.issues ?? [];
  return Object.fromEntries(issues.map((issue) => [issue.path, sentence(withoutLabel(issue.message))]));
}

/**
 * The API puts the field's label before a message the schema wrote ("Value: a percentage discount can be at most
 * 100%") so the answer reads on its own; beside the field the label is already on screen, so it is left out there.
 */
function withoutLabel(message: string): string {
  return message.replace(/^[^:]{1,40}: (?=[a-z])/, '');
}

/** "more than 0%" reads as a sentence: capital first letter. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The ARIA and message props of a field that may have an issue. */
export function issueProps(issues: FieldIssues, path: string, id: string) {
  const message = issues[path];
  return message ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}
