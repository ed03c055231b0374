/** One line of the fuzz request log written by scripts/fuzz/hooks.py (the root package has no zod, so it is checked by hand). */
export type LoggedCall = {
  operation: string;
  caseId: string;
  method: string;
  path: string;
  status: number;
  requestBody: string | null;
  responseBody: string | null;
};

/** Parses one log line; null when it is not a call record. */
export function parseLoggedCall(line: string): LoggedCall | null {
  const value = parse(line);
  if (!isObject(value)) return null;
  const { operation, caseId, method, path, status, requestBody, responseBody } = value;
  const textOrNull = (x: unknown): x is string | null => x === null || typeof x === 'string';
  if (typeof operation !== 'string' || typeof caseId !== 'string' || typeof method !== 'string' || typeof path !== 'string') return null;
  if (typeof status !== 'number' || !textOrNull(requestBody) || !textOrNull(responseBody)) return null;
  return { operation, caseId, method, path, status, requestBody, responseBody };
}

/**
 * How to find an accepted message among stored events: by messageId when the client sent one, else by the
 * customer it is about (userId, else `anon:<anonymousId>`, as the API derives it), its type and its name.
 */
export type AcceptedMessage =
  | { by: 'messageId'; messageId: string; source: string }
  | { by: 'identity'; customerId: string; type: string; name: string | null; source: string };

type Raw = Record<string, unknown>;

/** Segment's message types; each has its own /v1/<type> endpoint besides /v1/batch. */
const MESSAGE_TYPES = new Set(['identify', 'track', 'page', 'screen', 'group', 'alias']);

function parse(text: string | null): unknown {
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' ? String(value) : null;
}

/** The stored event's `name`: the track event, the page/screen name, nothing for the other types. */
function nameOf(message: Raw, type: string): string | null {
  if (type === 'track') return typeof message.event === 'string' ? message.event : null;
  if (type === 'page' || type === 'screen') return typeof message.name === 'string' ? message.name : null;
  return null;
}

function keyOf(message: Raw, type: string, source: string): AcceptedMessage {
  if (typeof message.messageId === 'string' && message.messageId !== '') return { by: 'messageId', messageId: message.messageId, source };
  const userId = idOf(message.userId);
  const customerId = userId ?? `anon:${idOf(message.anonymousId)}`;
  return { by: 'identity', customerId, type, name: nameOf(message, type), source };
}

/** Indexes of batch messages the API named in its issues (`batch[2].userId` → 2): those were rejected. */
function rejectedIndexes(responseBody: string | null): Set<number> {
  const body = parse(responseBody);
  const issues = isObject(body) && Array.isArray(body.issues) ? body.issues : [];
  const indexes = new Set<number>();
  for (const issue of issues) {
    const match = isObject(issue) && typeof issue.path === 'string' ? /^batch\[(\d+)\]/.exec(issue.path) : null;
    if (match) indexes.add(Number(match[1]));
  }
  return indexes;
}

/** A 400 from /v1/batch that still stored part of the batch (`accepted > 0`), as the API documents. */
function partlyAccepted(call: LoggedCall): boolean {
  const body = parse(call.responseBody);
  return call.status === 400 && isObject(body) && typeof body.accepted === 'number' && body.accepted > 0;
}

export type Extracted = { accepted: AcceptedMessage[]; unreadable: LoggedCall[] };

/** Every message the API said it stored: 2xx answers of /v1/<type> and /v1/batch, plus the stored part of partly rejected batches. */
export function acceptedMessages(calls: readonly LoggedCall[]): Extracted {
  const accepted: AcceptedMessage[] = [];
  const unreadable: LoggedCall[] = [];
  for (const call of calls) {
    if (call.method !== 'POST') continue;
    const endpoint = call.path.split('?')[0] ?? call.path;
    const ok = call.status >= 200 && call.status < 300;
    const body = parse(call.requestBody);
    const single = /^\/v1\/(\w+)$/.exec(endpoint)?.[1];
    if (single && single !== 'batch' && MESSAGE_TYPES.has(single)) {
      if (!ok) continue;
      if (isObject(body)) accepted.push(keyOf(body, single, `${call.caseId} ${endpoint}`));
      else unreadable.push(call);
    } else if (endpoint === '/v1/batch' && (ok || partlyAccepted(call))) {
      if (!isObject(body) || !Array.isArray(body.batch)) {
        unreadable.push(call);
        continue;
      }
      const rejected = ok ? new Set<number>() : rejectedIndexes(call.responseBody);
      body.batch.forEach((message, index) => {
        if (rejected.has(index)) return;
        if (isObject(message) && typeof message.type === 'string') accepted.push(keyOf(message, message.type, `${call.caseId} ${endpoint}[${index}]`));
        else unreadable.push(call);
      });
    }
  }
  return { accepted, unreadable };
}
