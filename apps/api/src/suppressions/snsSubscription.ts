import type { BounceReceipt } from './schemas';
import type { SnsEnvelope } from './sesNotices';

/** SNS's own endpoints: `https://sns.<region>.amazonaws.com[.cn]/?Action=ConfirmSubscription&…`. */
const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/**
 * The SubscribeURL when it is one SNS itself would send: https, an SNS host, the ConfirmSubscription action. Anything
 * else is never fetched (the body is untrusted: fetching any URL it names would let it reach internal hosts).
 */
export function safeSubscribeUrl(raw: string | undefined): URL | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const confirms = url.searchParams.get('Action') === 'ConfirmSubscription';
  const plain = url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '';
  return plain && confirms && SNS_HOST.test(url.hostname) ? url : null;
}

/**
 * Answers an SNS subscription handshake: a SubscriptionConfirmation with a genuine SNS URL is confirmed by fetching
 * it (no redirects followed, 5 s at most); any other URL is refused, unchanged; an UnsubscribeConfirmation is ignored.
 */
export async function answerSnsHandshake(envelope: SnsEnvelope): Promise<NonNullable<BounceReceipt['subscription']>> {
  if (envelope.Type !== 'SubscriptionConfirmation') return 'ignored';
  const url = safeSubscribeUrl(envelope.SubscribeURL);
  if (!url) return 'refused';
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    return response.ok ? 'confirmed' : 'failed';
  } catch {
    return 'failed';
  }
}
