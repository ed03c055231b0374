/** An API answer that was not 2xx, or a request that never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: string;
  message?: string;
  issues?: { path: string; message: string }[];
}

function describe(body: ErrorBody, status: number): string {
  const message = body.message ?? body.error ?? `HTTP ${status}`;
  // Issue messages are written for people and name their field; those the message already says are not repeated.
  const issues = body.issues?.map((issue) => issue.message).filter((text) => !message.includes(text)).join('; ');
  return issues ? `${message} (${issues})` : message;
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token; every state-changing request sends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Fired on any 401 so the app can show the sign-in page. */
export const unauthorizedEvent = 'lifecycle:unauthorized';

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new ApiError(0, 'network', `Cannot reach the API (${path}). Is the server running?`);
  }
  const parsed: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const errorBody = (parsed ?? {}) as ErrorBody;
    // The session endpoint itself answers 401 when signed out; that is not an event.
    if (response.status === 401 && path !== '/api/session') window.dispatchEvent(new Event(unauthorizedEvent));
    throw new ApiError(response.status, errorBody.error ?? 'http_error', describe(errorBody, response.status), parsed);
  }
  return parsed as T;
}

/** GETs JSON from the API; throws ApiError with the API's own message when it answers with an error. */
export function getJson<T>(path: string): Promise<T> {
  return request<T>('GET', path);
}

/** Sends JSON with POST/PUT/PATCH/DELETE (and the CSRF header); throws ApiError on an error answer. */
export function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, body);
}

/** Reads a list from an answer shaped either `{ [key]: [...] }` or a bare array. */
export function listFrom<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const value = (body as Record<string, unknown> | null)?.[key];
  return Array.isArray(value) ? (value as T[]) : [];
}

/** True when the route is not there (yet): the caller falls back to something simpler. */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 405 || (error.status === 404 && error.message.startsWith('no route for')));
}
