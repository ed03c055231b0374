import { applyBounceNotices } from '@lifecycle/db';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../appContext';
import { rateLimited } from '../errors';
import { readIngestJson } from '../routes/ingestBody';
import { route } from '../routes/route';
import { authenticateWriteKey, basicUsername } from '../services/writeKeys';
import { GenericNotice } from './genericNotices';
import { readNotices } from './readNotices';
import { BounceReceipt } from './schemas';
import { answerSnsHandshake } from './snsSubscription';

/** Provider posts are bigger than one event: SendGrid batches, SNS wraps. */
const MAX_NOTICE_BYTES = 1024 * 1024;

const BounceWebhookQuery = z.object({ key: z.string().min(1).max(200).optional() });

/**
 * The write key, as the Basic username (`https://KEY:@host/v1/bounces`, which SNS, Postmark and SendGrid all accept
 * in a webhook URL) or as `?key=` for senders that cannot put credentials in a URL.
 */
async function authenticate(c: Context<AppEnv>, queryKey: string | undefined): Promise<void> {
  const writeKeyId = await authenticateWriteKey(c.var.deps.db, basicUsername(c.req.header('authorization')) ?? queryKey);
  const decision = c.var.deps.limiters.ingest.take(writeKeyId);
  if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds, 'requests for this write key');
}

async function takeNotices(c: Context<AppEnv>, queryKey: string | undefined): Promise<Response> {
  await authenticate(c, queryKey);
  const read = readNotices(await readIngestJson(c, MAX_NOTICE_BYTES));
  if (read.kind === 'sns_subscription') {
    const subscription = await answerSnsHandshake(read.envelope);
    return c.json({ received: 0, suppressed: [], softCounted: 0, duplicates: 0, ignored: 1, subscription } satisfies BounceReceipt);
  }
  const applied = await applyBounceNotices(c.var.deps.db, read.notices, 'webhook');
  return c.json({ received: read.notices.length + read.ignored, ignored: read.ignored, ...applied } satisfies BounceReceipt);
}

/** The inbound bounce and complaint webhook: hard bounces and complaints suppress, soft bounces count. */
export const bounceWebhookRoutes = [
  route({
    method: 'POST', path: '/v1/bounces', role: 'writeKey', tag: 'suppressions', bodyMode: 'raw', maxBodyBytes: MAX_NOTICE_BYTES, query: BounceWebhookQuery,
    summary: 'Take bounce and complaint notices: the generic shape (one or a list), Amazon SES via SNS, Postmark, or SendGrid events',
    body: z.union([GenericNotice, z.array(GenericNotice)]), ok: { status: 200, schema: BounceReceipt },
    handler: async (c, { query }) => await takeNotices(c, query.key),
  }),
];
