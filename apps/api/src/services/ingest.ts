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
  endAnalyticsBatch,
  type Db,
  type NewEvent,
} from '@lifecycle/db';
import { formatPath, issuesOf, type Issue } from '../errors';
import { SegmentMessage, skewCorrectedTime } from './segmentMessages';
import { customerIdOf, inMessagesCustomersTransaction } from './messageCustomers';
import { applyStageRules, lifecycleConfig } from './lifecycleStages';
import { evaluateCustomerSegments, evaluateSegmentsOf, loadSegments } from './segmentMembership';
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

/** The stage an identify's `lifecycleStage` trait asks for, if any. */
function traitStage(traits: Record<string, unknown> | undefined): string | null {
  const stage = traits?.lifecycleStage;
  return typeof stage === 'string' && stage.trim() !== '' ? stage : null;
}

/** The customer an id stands for now: itself, or the customer it was merged into. */
async function resolve(db: Db, id: string): Promise<string> {
  return (await aliasTarget(db, id)) ?? id;
}

/**
 * Links the identities a message carries and returns the customer it is about. A userId with an
 * anonymousId (identify, or any message carrying both) merges the anonymous customer into the known
 * one; an alias merges `previousId` (a userId or an anonymousId) into `userId`.
 */
async function linkIdentities(db: Db, message: SegmentMessage): Promise<string> {
  if (message.userId === undefined || message.userId === null) return await resolve(db, customerIdOf(message));
  const known = await resolve(db, message.userId);
  const others = [message.anonymousId ? `anon:${message.anonymousId}` : null];
  if (message.type === 'alias' && message.previousId) others.push(message.previousId, `anon:${message.previousId}`);
  for (const other of others) {
    if (!other || other === known) continue;
    const current = await resolve(db, other);
    if (current !== known && (await customerStageRow(db, current))) {
      await ensureCustomerRow(db, known);
      await mergeCustomerRows(db, current, known);
    }
    await addAlias(db, other, known);
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
export async function storeMessages(db: Db, messages: SegmentMessage[], writeKeyId: string | null, receivedAt = new Date()): Promise<number> {
  const store = async () => {
    const config = await lifecycleConfig(db);
    const queuedAt = receivedAt.toISOString();
    const touched = new Set<string>();
    for (const message of messages) {
      const customerId = await linkIdentities(db, message);
      const row = toRow(message, customerId, writeKeyId, receivedAt);
      if (!(await insertEventRow(db, row))) continue;
      if (message.type === 'identify') await upsertCustomerRow(db, customerId, message.traits ?? {});
      else await ensureCustomerRow(db, customerId);
      await touchCustomerActivity(db, customerId, row.timestamp);
      touched.add(customerId);
      await queueAnalyticsEvent(db, { eventId: row.id, customerId, name: row.name ?? null, queuedAt });
      if (row.name === OFFER_REDEEMED) await redeemFromEvent(db, row);
      if (message.type === 'identify') {
        const asked = traitStage(message.traits);
        if (asked) await changeStage(db, { customerId, to: asked, cause: 'identify trait `lifecycleStage`', at: row.timestamp });
        await applyStageRules(db, config, customerId, { type: 'identify' }, row.timestamp);
      }
      if (message.type === 'track' && config.rules.some((rule) => rule.kind === 'event' && rule.event === message.event)) {
        await applyStageRules(db, config, customerId, { type: 'track', name: message.event, occurrences: await countEvents(db, customerId, message.event) }, row.timestamp);
      }
    }
    const segments = touched.size > 0 ? await loadSegments(db) : [];
    const current = new Set<string>();
    for (const customerId of touched) current.add(await resolve(db, customerId));
    await evaluateSegmentsOf(db, current, segments, receivedAt);
    await rescheduleCustomers(db, current, receivedAt); // scheduled and date-trait entries follow new customers and changed traits
  };
  await inMessagesCustomersTransaction(db, messages, async () => {
    // Inside the transaction: once it ends, the applier's next chunk may begin, and its batch state must not be wiped.
    try {
      await store();
    } finally {
      endAnalyticsBatch(db); // a merge's replay (the only hook ingest runs) leaves nothing it read behind for the applier's next chunk
    }
  });
  noteIngest();
  eventsIngested.inc({}, messages.length);
  return messages.length;
}

async function countEvents(db: Db, customerId: string, name: string): Promise<number> {
  return await countTrackedEvents(db, customerId, name);
}

/**
 * Stores an event the API itself observed (an open, a click); a repeated messageId is stored once.
 * The customer's segments are re-evaluated at once (email-engagement conditions read the delivery,
 * which the caller has already marked).
 */
export async function storeInternalEvent(db: Db, event: { messageId: string; customerId: string; name: string; properties: Record<string, unknown> }) {
  const now = new Date();
  return await db.transaction(async () => {
    const stored = await insertEvent(db, { id: sortableId('evt'), type: 'internal', timestamp: now.toISOString(), receivedAt: now.toISOString(), ...event });
    if (stored.inserted) {
      await touchCustomerActivity(db, event.customerId, now.toISOString());
      await queueAnalyticsEvent(db, { eventId: stored.event.id, customerId: event.customerId, name: event.name, queuedAt: now.toISOString() });
      await evaluateCustomerSegments(db, event.customerId, await loadSegments(db), now);
    }
    return stored;
  }, { customers: [event.customerId] });
}
