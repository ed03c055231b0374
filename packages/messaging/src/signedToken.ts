import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

// `domain` goes into the MAC so a token of one kind (a survey answer) is never valid as another (an open, a click).
function mac(secret: string, domain: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`${domain}${body}`).digest();
}

/** `<base64url json>.<base64url hmac>`: the claim is readable but cannot be changed without the secret. */
export function signClaim(secret: string, domain: string, claim: unknown): string {
  const body = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return `${body}.${mac(secret, domain, body).toString('base64url')}`;
}

/** The claim, parsed with its schema, or null for a token that is malformed, tampered or signed with another secret. */
export function verifyClaim<S extends z.ZodType>(secret: string, domain: string, token: string, schema: S): z.infer<S> | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = mac(secret, domain, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
