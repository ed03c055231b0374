/** An API answer that was not 2xx, or a request that never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
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
  const issues = body.issues?.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  const message = body.message ?? body.error ?? `HTTP ${status}`;
  return issues ? `${message} (${issues})` : message;
}

/** GETs JSON from the API; throws ApiError with the API's own message when it answers with an error. */
export async function getJson<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'network', `Cannot reach the API (${path}). Is the server running?`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const errorBody = (body ?? {}) as ErrorBody;
    throw new ApiError(response.status, errorBody.error ?? 'http_error', describe(errorBody, response.status));
  }
  return body as T;
}

/** Reads a list from an answer shaped either `{ [key]: [...] }` or a bare array. */
export function listFrom<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const value = (body as Record<string, unknown> | null)?.[key];
  return Array.isArray(value) ? (value as T[]) : [];
}
