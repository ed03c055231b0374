import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../appContext';
import { readJson } from '../body';
import { HttpError, invalidRequest, type Issue } from '../errors';
import { checkMessage, storeMessages } from '../services/ingest';
import { BatchEnvelope } from '../services/segmentMessages';
import type { SegmentMessage } from '../services/segmentMessages';
import { authenticateWriteKey, basicUsername } from '../services/writeKeys';

function limit(maxSize: number, what: string) {
  return bodyLimit({
    maxSize,
    onError: (c) => c.json({ error: 'payload_too_large', message: `${what} must be at most ${maxSize / 1024} KB` }, 413),
  });
}

/** Reads the body and finds the write key: the Basic username first, else `writeKey` in the body (as Segment allows). */
async function authenticated(c: Context<AppEnv>): Promise<{ body: unknown; writeKeyId: string }> {
  const { db } = c.var.deps;
  const fromHeader = basicUsername(c.req.header('authorization'));
  if (fromHeader) authenticateWriteKey(db, fromHeader); // fail before reading a body we would refuse
  const body = await readJson(c);
  const fromBody = (body as { writeKey?: unknown } | null)?.writeKey;
  const key = fromHeader ?? (typeof fromBody === 'string' ? fromBody : undefined);
  return { body, writeKeyId: authenticateWriteKey(db, key) };
}

function single(type: 'identify' | 'track') {
  return async (c: Context<AppEnv>) => {
    const { body, writeKeyId } = await authenticated(c);
    const checked = checkMessage(body, [], type);
    if (!checked.message) {
      const first = checked.issues[0];
      throw new HttpError(400, 'invalid_message', first ? `${first.path}: ${first.message}` : 'invalid message', { issues: checked.issues });
    }
    storeMessages(c.var.deps.db, [checked.message], writeKeyId);
    c.var.deps.dispatcher.kick();
    return c.json({ success: true });
  };
}

/** Segment's HTTP Tracking API: identify, track and batch. Events are committed before the answer. */
export const ingestRoutes = new Hono<AppEnv>()
  .post('/identify', limit(32 * 1024, 'a message'), single('identify'))
  .post('/track', limit(32 * 1024, 'a message'), single('track'))
  .post('/batch', limit(500 * 1024, 'a batch'), async (c) => {
    const { body, writeKeyId } = await authenticated(c);
    const envelope = BatchEnvelope.safeParse(body);
    if (!envelope.success) throw invalidRequest(envelope.error);
    const { batch, context, sentAt } = envelope.data;
    const valid: SegmentMessage[] = [];
    const issues: Issue[] = [];
    batch.forEach((raw, index) => {
      // Batch-level context and sentAt apply to every message that does not carry its own.
      const withShared = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { sentAt, ...raw, context: { ...context, ...(raw as { context?: object }).context } } : raw;
      const checked = checkMessage(withShared, ['batch', index]);
      if (checked.message) valid.push(checked.message);
      else issues.push(...checked.issues);
    });
    const accepted = valid.length > 0 ? storeMessages(c.var.deps.db, valid, writeKeyId) : 0;
    if (accepted > 0) c.var.deps.dispatcher.kick();
    if (issues.length > 0) {
      const message = `${batch.length - accepted} of ${batch.length} messages were rejected; the other ${accepted} were stored`;
      return c.json({ error: 'invalid_messages', message, accepted, issues }, 400);
    }
    return c.json({ success: true, accepted });
  });
