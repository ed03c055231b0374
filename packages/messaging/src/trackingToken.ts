import { z } from 'zod';
import { signClaim, verifyClaim } from './signedToken';

/** What a tracking link stands for: an open, a click through to `url`, or an unsubscribe, of one delivery. */
export const TrackingClaim = z.object({
  kind: z.enum(['open', 'click', 'unsubscribe']),
  deliveryId: z.string().min(1),
  url: z.string().url().optional(),
});
export type TrackingClaim = z.infer<typeof TrackingClaim>;

/** `<base64url json>.<base64url hmac>`: the claim is readable but cannot be changed without the secret. */
export function signTrackingToken(secret: string, claim: TrackingClaim): string {
  return signClaim(secret, '', claim);
}

/** The claim, or null for a token that is malformed, tampered or signed with another secret. */
export function verifyTrackingToken(secret: string, token: string): TrackingClaim | null {
  return verifyClaim(secret, '', token, TrackingClaim);
}
