import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../appContext';
import { HttpError, invalidRequest, rateLimited, type Issue } from '../errors';
import { checkMessage, MAX_MESSAGE_BYTES, storeMessages } from '../services/ingest';
import { AliasMessage, BatchEnvelope, GroupMessage, IdentifyMessage, PageMessage, ScreenMessage, SegmentMessage, TrackMessage } from '../services/segmentMessages';
import { authenticateWriteKey, basicUsername } from '../services/writeKeys';
import { INGEST_TRANSPORT_BYTES, readIngestJson } from './ingestBody';
import { BatchAccepted, MessageAccepted } from '../responses/meta';
import { route } from './route';

/** Takes one request from the write key's bucket; 429 with Retry-After when it is empty. */
function limitRate(c: Context<AppEnv>, writeKeyId: string): void {
  const decision = c.var.deps.limiters.ingest.take(writeKeyId);
  if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds, 'requests for this write key');
}

/** Reads the body and finds the write key: the Basic username first, else `writeKey` in the body (as Segment allows). */
async function authenticated(c: Context<AppEnv>, limitBytes: number): Promise<{ body: unknown; writeKeyId: string }> {
  const { db } = c.var.deps;
  const fromHeader = basicUsername(c.req.header('authorization'));
  if (fromHeader) limitRate(c, await authenticateWriteKey(db, fromHeader)); // fail before reading a body we would refuse
  const body = await readIngestJson(c, limitBytes);
  const fromBody = (body as { writeKey?: unknown } | null)?.writeKey;
  if (fromBody !== undefined && typeof fromBody !== 'string') {
    throw new HttpError(400, 'invalid_request', 'writeKey: must be a string', { issues: [{ path: 'writeKey', message: 'must be a string' }] });
  }
  const key = fromHeader ?? fromBody;
  const writeKeyId = await authenticateWriteKey(db, key);
  if (!fromHeader) limitRate(c, writeKeyId);
  return { body, writeKeyId };
}

type SingleType = SegmentMessage['type'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function single(type: SingleType) {
  return async (c: Context<AppEnv>) => {
    const { body, writeKeyId } = await authenticated(c, MAX_MESSAGE_BYTES);
    const checked = checkMessage(body, [], type);
    if (!checked.message) {
      const first = checked.issues[0];
      throw new HttpError(400, 'invalid_message', first ? `${first.path}: ${first.message}` : 'invalid message', { issues: checked.issues });
    }
    await storeMessages(c.var.deps.db, [checked.message], writeKeyId);
    c.var.deps.dispatcher.kick();
    return c.json({ success: true });
  };
}

async function batch(c: Context<AppEnv>) {
  const { body, writeKeyId } = await authenticated(c, MAX_BATCH_BYTES);
  const envelope = BatchEnvelope.safeParse(body);
  if (!envelope.success) throw invalidRequest(envelope.error);
  const { batch, context, sentAt } = envelope.data;
  const valid: SegmentMessage[] = [];
  const issues: Issue[] = [];
  batch.forEach((raw, index) => {
    // Batch-level context and sentAt apply to every message that does not carry its own. A message's own context
    // that is not an object is kept as sent, for checkMessage to refuse (spreading it would turn "" into {}).
    const withShared = isObject(raw) ? { sentAt, ...raw, context: raw.context === undefined || isObject(raw.context) ? { ...context, ...raw.context } : raw.context } : raw;
    const checked = checkMessage(withShared, ['batch', index]);
    if (checked.message) valid.push(checked.message);
    else issues.push(...checked.issues);
  });
  const accepted = valid.length > 0 ? await storeMessages(c.var.deps.db, valid, writeKeyId) : 0;
  if (accepted > 0) c.var.deps.dispatcher.kick();
  if (issues.length > 0) {
    const message = `${batch.length - accepted} of ${batch.length} messages were rejected; the other ${accepted} were stored`;
    return c.json({ error: 'invalid_messages', message, accepted, issues }, 400);
  }
  return c.json({ success: true, accepted });
}

// The bodies are read by the handlers (the write key may be in them, a batch is judged message by message); these schemas document them.
const writeKey = { writeKey: z.string().optional() };
const tag = 'ingest';
/** Segment's batch limit (after decompression). */
const MAX_BATCH_BYTES = 500 * 1024;
const bodyMode = 'raw' as const;
const maxBodyBytes = INGEST_TRANSPORT_BYTES;
const ok = { status: 200 as const, schema: MessageAccepted };
/** The batch as documented: each item is a message. The handler parses items one by one, so one bad item refuses only itself. */
const BatchDocument = BatchEnvelope.extend({ batch: z.array(SegmentMessage).min(1).max(5000) });

/**
 * Segment's HTTP Tracking API: identify, track, page, screen, group, alias and batch; gzip bodies
 * accepted, limits (32 KB a message, 500 KB a batch) applied after decompression. Events are committed before the answer.
 */
export const ingestRoutes = [
  route({ method: 'POST', path: '/v1/identify', role: 'writeKey', tag, summary: 'Identify a customer (Segment identify)', bodyMode, maxBodyBytes, ok, body: IdentifyMessage.omit({ type: true }).extend(writeKey), handler: single('identify') }),
  route({ method: 'POST', path: '/v1/track', role: 'writeKey', tag, summary: 'Record an event (Segment track)', bodyMode, maxBodyBytes, ok, body: TrackMessage.omit({ type: true }).extend(writeKey), handler: single('track') }),
  route({ method: 'POST', path: '/v1/page', role: 'writeKey', tag, summary: 'Record a page view (Segment page)', bodyMode, maxBodyBytes, ok, body: PageMessage.omit({ type: true }).extend(writeKey), handler: single('page') }),
  route({ method: 'POST', path: '/v1/screen', role: 'writeKey', tag, summary: 'Record a screen view (Segment screen)', bodyMode, maxBodyBytes, ok, body: ScreenMessage.omit({ type: true }).extend(writeKey), handler: single('screen') }),
  route({ method: 'POST', path: '/v1/group', role: 'writeKey', tag, summary: 'Associate a customer with a group (Segment group)', bodyMode, maxBodyBytes, ok, body: GroupMessage.omit({ type: true }).extend(writeKey), handler: single('group') }),
  route({ method: 'POST', path: '/v1/alias', role: 'writeKey', tag, summary: 'Merge a previous id into a userId (Segment alias)', bodyMode, maxBodyBytes, ok, body: AliasMessage.omit({ type: true }).extend(writeKey), handler: single('alias') }),
  route({ method: 'POST', path: '/v1/batch', role: 'writeKey', tag, summary: 'Several messages at once (Segment batch)', bodyMode, maxBodyBytes, body: BatchDocument, handler: batch, ok: { status: 200, schema: BatchAccepted } }),
];
