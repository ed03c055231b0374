import { randomUUID } from 'node:crypto';
import { sortableId } from '../sortableId';
import {
  addAlias,
  aliasTarget,
  changeStage,
  countTrackedEvents,
  customerStageRow,
  ensureCustomerRow,
  insertEvent,
  insertEventRow,
  mergeCustomerRows,
  queueAnalyticsEvent,
  touchCustomerActivity,
  upsertCustomerRow,
  writeTransaction,
  endAnalyticsBatch,
  type Db,
  type NewEvent,
} from '@lifecycle/db';
import { formatPath, issuesOf, type Issue } from '../errors';
import { SegmentMessage, skewCorrectedTime } from './segmentMessages';
import { applyStageRules, lifecycleConfig } from './lifecycleStages';
import { evaluateCustomerSegments, loadSegments } from './segmentMembership';
import { rescheduleCustomers } from '../entries/reschedule';
import { eventsIngested } from '../observability/apiMetrics';
import { illFormedFields } from '../utf8';
import { OFFER_REDEEMED, redeemFromEvent } from '../offers/redemption';
import { noteIngest } from '../analytics/applier/ingestActivity';

/** Segment's per-message limit. */
export const MAX_MESSAGE_BYTES = 32 * 1024;

export type Checked = { message: SegmentMessage; issues: [] } | { message: null; issues: Issue[] };

/**
 * Validates one message, naming fields under `prefix` (`batch[2].userId`). The text encoding, the schema and
 * the identity rule are all checked so one answer lists every problem.
 */
export function checkMessage(raw: unknown, prefix: readonly PropertyKey[], type?: SegmentMessage['type']): Checked {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { message: null, issues: [{ path: formatPath(prefix) || 'body', message: 'a message must be a JSON object' }] };
  }
  const input = type ? { ...raw, type } : raw;
  if (Buffer.byteLength(JSON.stringify(input)) > MAX_MESSAGE_BYTES) {
    return { message: null, issues: [{ path: formatPath(prefix) || 'body', message: 'a message must be at most 32 KB' }] };
  }
  const parsed = SegmentMessage.safeParse(input);
  // Text that is not valid UTF-8 would be stored as U+FFFD, merging different ids: the message is refused.
  const issues = [...illFormedFields(raw, prefix), ...(parsed.success ? [] : issuesOf(parsed.error, prefix))];
  const fields = raw as { userId?: unknown; anonymousId?: unknown };
  if (!present(fields.userId) && !present(fields.anonymousId)) {
    issues.push({ path: formatPath([...prefix, 'userId']), message: 'userId or anonymousId is required' });
  }
  const { timestamp, sentAt } = parsed.success ? parsed.data : {};
  if (timestamp && sentAt && !skewCorrectedTime(timestamp, sentAt, new Date())) {
    issues.push({ path: formatPath([...prefix, 'sentAt']), message: 'is so far from timestamp that the event would be dated outside the years 1000–9999' });
  }
  return parsed.success && issues.length === 0 ? { message: parsed.data, issues: [] } : { message: null, issues };
}

function present(value: unknown): boolean {
  return (typeof value === 'string' && value !== '') || typeof value === 'number';
}

/** The id a message names: the userId, else `anon:<anonymousId>` (before aliases are followed). */
export function customerIdOf(message: SegmentMessage): string {
  return message.userId ?? `anon:${message.anonymousId}`;
}

/** The stage an identify's `lifecycleStage` trait asks for, if any. */
function traitStage(traits: Record<string, unknown> | undefined): string | null {
  const stage = traits?.lifecycleStage;
  return typeof stage === 'string' && stage.trim() !== '' ? stage : null;
}

/** The customer an id stands for now: itself, or the customer it was merged into. */
function resolve(db: Db, id: string): string {
  return aliasTarget(db, id) ?? id;
}

/**
 * Links the identities a message carries and returns the customer it is about. A userId with an
 * anonymousId (identify, or any message carrying both) merges the anonymous customer into the known
 * one; an alias merges `previousId` (a userId or an anonymousId) into `userId`.
 */
function linkIdentities(db: Db, message: SegmentMessage): string {
  if (message.userId === undefined || message.userId === null) return resolve(db, customerIdOf(message));
  const known = resolve(db, message.userId);
  const others = [message.anonymousId ? `anon:${message.anonymousId}` : null];
  if (message.type === 'alias' && message.previousId) others.push(message.previousId, `anon:${message.previousId}`);
  for (const other of others) {
    if (!other || other === known) continue;
    const current = resolve(db, other);
    if (current !== known && customerStageRow(db, current)) {
      ensureCustomerRow(db, known);
      mergeCustomerRows(db, current, known);
    }
    addAlias(db, other, known);
  }
  return known;
}

/** When the event happened: its timestamp corrected for the device's clock skew (checkMessage refused one out of range). */
function eventTime(message: SegmentMessage, receivedAt: Date): string {
  if (!message.timestamp) return receivedAt.toISOString();
  if (!message.sentAt) return message.timestamp;
  // A message checked a moment before the year-1000 or year-9999 edge can cross it by the time it is stored: its own timestamp then.
  return skewCorrectedTime(message.timestamp, message.sentAt, receivedAt) ?? message.timestamp;
}

function toRow(message: SegmentMessage, customerId: string, writeKeyId: string | null, receivedAt: Date): NewEvent {
  const base = {
    id: sortableId('evt'),
    messageId: message.messageId ?? randomUUID(),
    writeKeyId,
    type: message.type,
    customerId,
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
      return { ...base, name: message.name ?? null, properties: { ...(message.category ? { category: message.category } : {}), ...message.properties } };
    case 'group':
      return { ...base, name: null, traits: message.traits ?? null, properties: { groupId: message.groupId } };
    case 'alias':
      return { ...base, name: null, properties: { previousId: message.previousId } };
    default: {
      const unknownMessage: never = message;
      throw new Error(`unknown message ${JSON.stringify(unknownMessage)}`);
    }
  }
}

/**
 * Stores valid messages in one transaction (committed before the API answers). A repeated
 * messageId is stored once and changes nothing the second time. Each new message links identities,
 * updates the customer and their activity, and applies the stage rules; then each customer the batch
 * touched has their segments re-evaluated once (memberships and entered/exited events in the same
 * transaction). Each new event is queued for the analytics rollups, which count it after the commit
 * (applyPendingAnalytics). Returns how many were accepted.
 */
export function storeMessages(db: Db, messages: SegmentMessage[], writeKeyId: string | null, receivedAt = new Date()): number {
  const store = () => {
    const config = lifecycleConfig(db);
    const queuedAt = receivedAt.toISOString();
    const touched = new Set<string>();
    for (const message of messages) {
      const customerId = linkIdentities(db, message);
      const row = toRow(message, customerId, writeKeyId, receivedAt);
      if (!insertEventRow(db, row)) continue;
      if (message.type === 'identify') upsertCustomerRow(db, customerId, message.traits ?? {});
      else ensureCustomerRow(db, customerId);
      touchCustomerActivity(db, customerId, row.timestamp);
      touched.add(customerId);
      queueAnalyticsEvent(db, { eventId: row.id, customerId, name: row.name ?? null, queuedAt });
      if (row.name === OFFER_REDEEMED) redeemFromEvent(db, row);
      if (message.type === 'identify') {
        const asked = traitStage(message.traits);
        if (asked) changeStage(db, { customerId, to: asked, cause: 'identify trait `lifecycleStage`', at: row.timestamp });
        applyStageRules(db, config, customerId, { type: 'identify' }, row.timestamp);
      }
      if (message.type === 'track' && config.rules.some((rule) => rule.kind === 'event' && rule.event === message.event)) {
        applyStageRules(db, config, customerId, { type: 'track', name: message.event, occurrences: countEvents(db, customerId, message.event) }, row.timestamp);
      }
    }
    const segments = touched.size > 0 ? loadSegments(db) : [];
    const current = new Set([...touched].map((customerId) => resolve(db, customerId)));
    for (const customerId of current) evaluateCustomerSegments(db, customerId, segments, receivedAt);
    rescheduleCustomers(db, current, receivedAt); // scheduled and date-trait entries follow new customers and changed traits
  };
  try {
    writeTransaction(db, store);
  } finally {
    endAnalyticsBatch(db); // a merge's replay (the only hook ingest runs) leaves nothing it read behind for the applier's next chunk
  }
  noteIngest();
  eventsIngested.inc({}, messages.length);
  return messages.length;
}

function countEvents(db: Db, customerId: string, name: string): number {
  return countTrackedEvents(db, customerId, name);
}

/**
 * Stores an event the API itself observed (an open, a click); a repeated messageId is stored once.
 * The customer's segments are re-evaluated at once (email-engagement conditions read the delivery,
 * which the caller has already marked).
 */
export function storeInternalEvent(db: Db, event: { messageId: string; customerId: string; name: string; properties: Record<string, unknown> }) {
  const now = new Date();
  return writeTransaction(db, () => {
    const stored = insertEvent(db, { id: sortableId('evt'), type: 'internal', timestamp: now.toISOString(), receivedAt: now.toISOString(), ...event });
    if (stored.inserted) {
      touchCustomerActivity(db, event.customerId, now.toISOString());
      queueAnalyticsEvent(db, { eventId: stored.event.id, customerId: event.customerId, name: event.name, queuedAt: now.toISOString() });
      evaluateCustomerSegments(db, event.customerId, loadSegments(db), now);
    }
    return stored;
  });
}
