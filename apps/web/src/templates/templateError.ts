import { ApiError } from '../api/client';

/** The template field a Liquid error concerns. */
export type TemplateField = 'subject' | 'html' | 'text';

/** A Liquid error in one field: shown once, beside that field. */
export interface FieldError {
  field: TemplateField;
  message: string;
}

const FIELDS: readonly string[] = ['subject', 'html', 'text'];

/**
 * The field error an API answer carries (400 `invalid_template`: `issues: [{ path: 'html', message }]`), or null
 * when the error is about something else (network, permissions…).
 */
export function fieldErrorOf(error: unknown): FieldError | null {
  if (!(error instanceof ApiError) || error.code !== 'invalid_template') return null;
  const issue = (error.body as { issues?: { path?: unknown; message?: unknown }[] } | null)?.issues?.[0];
  if (!issue || typeof issue.path !== 'string' || !FIELDS.includes(issue.path) || typeof issue.message !== 'string') return null;
  return { field: issue.path as TemplateField, message: issue.message };
}

/** What the user reads for an error that is not about one field. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
