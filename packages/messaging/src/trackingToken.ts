import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a tracking link stands for: an open, a click through to `url`, or an unsubscribe, of one delivery. */
export const TrackingClaim = z.object({
  kind: z.enum(['open', 'click', 'unsubscribe']),
  deliveryId: z.string().min(1),
  url: z.string().url().optional(),
});
export type TrackingClaim = z.infer<typeof TrackingClaim>;

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

/** `<base64url json>.<base64url hmac>`: the claim is readable but cannot be changed without the secret. */
export function signTrackingToken(secret: string, claim: TrackingClaim): string {
  const body = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** The claim, or null for a token that is malformed, tampered or signed with another secret. */
export function verifyTrackingToken(secret: string, token: string): TrackingClaim | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = mac(secret, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = TrackingClaim.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
