import { randomUUID } from 'node:crypto';
import { sortableId } from '../sortableId';
import { getCustomer, insertEvent, upsertCustomer, type Db, type NewEvent } from '@lifecycle/db';
import { formatPath, issuesOf, type Issue } from '../errors';
import { SegmentMessage } from './segmentMessages';
import { eventsIngested } from '../observability/apiMetrics';

/** Segment's per-message limit. */
export const MAX_MESSAGE_BYTES = 32 * 1024;

export type Checked = { message: SegmentMessage; issues: [] } | { message: null; issues: Issue[] };

/**
 * Validates one message, naming fields under `prefix` (`batch[2].userId`). Both the schema and the
 * identity rule are checked so one answer lists every problem.
 */
export function checkMessage(raw: unknown, prefix: readonly PropertyKey[], type?: 'identify' | 'track'): Checked {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { message: null, issues: [{ path: formatPath(prefix) || 'body', message: 'a message must be a JSON object' }] };
  }
  const input = type ? { ...raw, type } : raw;
  if (Buffer.byteLength(JSON.stringify(input)) > MAX_MESSAGE_BYTES) {
    return { message: null, issues: [{ path: formatPath(prefix) || 'body', message: 'a message must be at most 32 KB' }] };
  }
  const parsed = SegmentMessage.safeParse(input);
  const issues = parsed.success ? [] : issuesOf(parsed.error, prefix);
  const fields = raw as { userId?: unknown; anonymousId?: unknown };
  if (!present(fields.userId) && !present(fields.anonymousId)) {
    issues.push({ path: formatPath([...prefix, 'userId']), message: 'userId or anonymousId is required' });
  }
  return parsed.success && issues.length === 0 ? { message: parsed.data, issues: [] } : { message: null, issues };
}

function present(value: unknown): boolean {
  return (typeof value === 'string' && value !== '') || typeof value === 'number';
}

/** The customer a message is about: the userId, else `anon:<anonymousId>`. */
export function customerIdOf(message: SegmentMessage): string {
  return message.userId ?? `anon:${message.anonymousId}`;
}

/** Segment's clock-skew correction: the device's offset between `timestamp` and `sentAt` is kept, its clock is not. */
function eventTime(message: SegmentMessage, receivedAt: Date): string {
  if (!message.timestamp) return receivedAt.toISOString();
  if (!message.sentAt) return message.timestamp;
  return new Date(receivedAt.getTime() - (Date.parse(message.sentAt) - Date.parse(message.timestamp))).toISOString();
}

function toRow(message: SegmentMessage, writeKeyId: string | null, receivedAt: Date): NewEvent {
  const base = {
    id: sortableId('evt'),
    messageId: message.messageId ?? randomUUID(),
    writeKeyId,
    type: message.type,
    customerId: customerIdOf(message),
    anonymousId: message.anonymousId ?? null,
    context: message.context ?? null,
    timestamp: eventTime(message, receivedAt),
    receivedAt: receivedAt.toISOString(),
  };
  switch (message.type) {
    case 'identify':
      return { ...base, name: null, traits: message.traits ?? {} };
    case 'track':
      return { ...base, name: message.event, properties: message.properties ?? {} };
    case 'page':
    case 'screen':
      return { ...base, name: message.name ?? null, properties: message.properties ?? {} };
    case 'group':
    case 'alias':
      return { ...base, name: null, traits: message.traits ?? null, properties: { groupId: message.groupId, previousId: message.previousId } };
    default: {
      const unknownMessage: never = message;
      throw new Error(`unknown message ${JSON.stringify(unknownMessage)}`);
    }
  }
}

/**
 * Stores valid messages in one transaction (committed before the API answers). A repeated
 * messageId is stored once and changes nothing the second time. Returns how many were accepted.
 */
export function storeMessages(db: Db, messages: SegmentMessage[], writeKeyId: string | null, receivedAt = new Date()): number {
  const store = db.$client.transaction(() => {
    for (const message of messages) {
      const { inserted } = insertEvent(db, toRow(message, writeKeyId, receivedAt));
      if (!inserted) continue;
      const customerId = customerIdOf(message);
      if (message.type === 'identify') upsertCustomer(db, customerId, message.traits ?? {});
      else if (!getCustomer(db, customerId)) upsertCustomer(db, customerId, {});
    }
  });
  store.immediate();
  eventsIngested.inc({}, messages.length);
  return messages.length;
}

/** Stores an event the API itself observed (an open, a click); a repeated messageId is stored once. */
export function storeInternalEvent(db: Db, event: { messageId: string; customerId: string; name: string; properties: Record<string, unknown> }) {
  const now = new Date().toISOString();
  return insertEvent(db, { id: sortableId('evt'), type: 'internal', timestamp: now, receivedAt: now, ...event });
}
