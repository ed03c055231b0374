import { ApiError } from '../../api/client';

/** Field key → messages, from the API's 400 answer (`issues[].path` such as `revenue.rates.eur` or `activityEvents[2]`). */
export type FieldErrors = Record<string, string[]>;

/** The form field an issue belongs to: the top-level key, or `revenue.<key>` inside the revenue block. */
export function fieldOf(path: string): string {
  const parts = path.replace(/\[\d+\]/g, '').split('.').filter(Boolean);
  if (parts[0] === 'revenue' && parts[1]) return `revenue.${parts[1]}`;
  return parts[0] ?? '';
}

/** Groups the API's issues by field; null when the error is not a validation answer (shown as a banner instead). */
export function fieldErrorsOf(error: unknown): FieldErrors | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const issues = (error.body as { issues?: { path: string; message: string }[] } | null)?.issues;
  if (!issues || issues.length === 0) return null;
  const errors: FieldErrors = {};
  for (const issue of issues) (errors[fieldOf(issue.path)] ??= []).push(issue.path.includes('.') || issue.path.includes('[') ? `${issue.path}: ${issue.message}` : issue.message);
  return errors;
}
