import { humanIssues } from '@lifecycle/journey';
import type { z } from 'zod';

/** A field that failed validation, e.g. `{ path: 'batch[2].userId', message: 'userId or anonymousId is required' }`. */
export type Issue = { path: string; message: string };

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 502 | 503;

/** An expected failure the API answers with; `onError` in app.ts turns it into `{ error, message, ... }`. */
export class HttpError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** `['batch', 2, 'userId']` → `batch[2].userId`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    return text === '' ? name : `${text}.${name}`;
  }, '');
}

/**
 * Zod issues as API issues, each path prefixed (e.g. with `batch[2]`): `path` names the field for machines, `message`
 * says it for people, with the field's label and unit (the same words the editor shows beside the field). A union
 * that matched no option is reported through the option it came closest to, so the field that is wrong is named.
 * `root` is the value that was parsed (it tells a missing field from a wrong one and gives numbers their unit).
 */
export function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[] = [], root?: unknown): Issue[] {
  return humanIssues(error.issues, root).map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message }));
}

/** 400 `invalid_request`: the first problems in words for people, and every field that failed in `issues`. */
export function invalidRequest(error: z.ZodError, prefix: readonly PropertyKey[] = [], root?: unknown): HttpError {
  const issues = issuesOf(error, prefix, root);
  const shown = issues.slice(0, 3).map((issue) => issue.message);
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
  const message = shown.length > 0 ? `${shown.join('; ')}${more}` : 'the request body is not valid';
  return new HttpError(400, 'invalid_request', message, { issues });
}

export function notFound(what: string, id: string): HttpError {
  return new HttpError(404, 'not_found', `no ${what} with id ${id}`);
}

/** 429 `rate_limited` with the Retry-After a client should honour. */
export function rateLimited(retryAfterSeconds: number, what: string): HttpError {
  return new HttpError(429, 'rate_limited', `too many ${what}; retry in ${retryAfterSeconds} s`, {}, { 'retry-after': String(retryAfterSeconds) });
}
