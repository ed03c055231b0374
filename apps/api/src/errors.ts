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

type ZodIssue = z.ZodError['issues'][number];

/**
 * A union that matched no option is reported through the option it came closest to (fewest issues), so the answer
 * names the field that is wrong (`draft.nodes[3].type`) instead of "invalid input" at the union.
 */
function closestIssues(issue: ZodIssue): { path: PropertyKey[]; message: string }[] {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const closest = issue.errors.reduce((best, option) => (option.length < best.length ? option : best));
    if (closest.length > 0) return closest.flatMap((inner) => closestIssues(inner).map((found) => ({ path: [...issue.path, ...found.path], message: found.message })));
  }
  return [{ path: issue.path, message: issue.message }];
}

/** Zod issues as API issues, each path prefixed (e.g. with `batch[2]`). */
export function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): Issue[] {
  return error.issues.flatMap(closestIssues).map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message }));
}

/** 400 `invalid_request` naming every field that failed. */
export function invalidRequest(error: z.ZodError, prefix: readonly PropertyKey[] = []): HttpError {
  const issues = issuesOf(error, prefix);
  const first = issues[0];
  const message = first ? `${first.path || 'body'}: ${first.message}` : 'the request body is not valid';
  return new HttpError(400, 'invalid_request', message, { issues });
}

export function notFound(what: string, id: string): HttpError {
  return new HttpError(404, 'not_found', `no ${what} with id ${id}`);
}

/** True for SQLite's "the other process holds the write lock" errors (worth a retry, not a 500). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** 429 `rate_limited` with the Retry-After a client should honour. */
export function rateLimited(retryAfterSeconds: number, what: string): HttpError {
  return new HttpError(429, 'rate_limited', `too many ${what}; retry in ${retryAfterSeconds} s`, {}, { 'retry-after': String(retryAfterSeconds) });
}
