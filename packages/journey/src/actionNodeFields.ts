import { z } from 'zod';
import { TraitPath } from './traitPath';

/**
 * Fields of the two nodes that reach beyond email (issue 14): a webhook call and a note to the team. Secrets are
 * named here, never held: their values live in the workspace secrets store the worker reads at call time.
 */

/** The name of a workspace secret (`{{ secrets.NAME }}`, `secret:NAME`). */
export const SecretName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a secret name starts with a letter and holds letters, digits and _ only');
export type SecretName = z.infer<typeof SecretName>;

/** An absolute http(s) URL without credentials; where it may point is checked again at call time (SSRF). */
export const OutboundUrl = z
  .string()
  .min(1)
  .max(2000)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'an absolute http:// or https:// address, without a user name or password');

const HEADER_NAME_RULE = 'a header name of letters, digits and - only';
/** Headers the platform sets itself, so a node cannot forge or break them. */
export const RESERVED_HEADERS = ['host', 'content-length', 'content-type', 'idempotency-key', 'transfer-encoding', 'connection'] as const;

export const WebhookHeader = z.object({
  name: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9-]+$/, HEADER_NAME_RULE)
    .refine((name) => !(RESERVED_HEADERS as readonly string[]).includes(name.toLowerCase()), 'this header is set by the platform')
    .describe('the header name'),
  value: z
    .string()
    .max(2000)
    .regex(/^[^\r\n]*$/, 'a header value is one line')
    .describe('the value; `secret:NAME` or `{{ secrets.NAME }}` puts in a workspace secret'),
});
export type WebhookHeader = z.infer<typeof WebhookHeader>;

/** One field of the JSON answer saved on the customer: a dotted path in the answer, and the trait it becomes. */
export const TraitFromAnswer = z.object({
  answerPath: TraitPath.describe('the field of the JSON answer, dotted for nested values (`data.score`)'),
  trait: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'a trait name of letters, digits, _ and - only')
    .describe('the trait it is saved as'),
});
export type TraitFromAnswer = z.infer<typeof TraitFromAnswer>;

export const WebhookSignature = z.object({
  secret: SecretName.describe('the workspace secret the HMAC-SHA256 of the body is keyed with'),
  header: z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/, HEADER_NAME_RULE).optional().describe('the header carrying it (default X-Lifecycle-Signature)'),
});
export type WebhookSignature = z.infer<typeof WebhookSignature>;

export const DEFAULT_SIGNATURE_HEADER = 'X-Lifecycle-Signature';
export const DEFAULT_WEBHOOK_TIMEOUT_SECONDS = 10;
export const DEFAULT_WEBHOOK_ATTEMPTS = 3;

/** Who a team note goes to: a literal address, or the address a customer trait holds (`account_owner_email`). */
export const TeamRecipient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('address'), address: z.email().max(320).describe('the owner or team address') }),
  z.object({ kind: z.literal('trait'), trait: TraitPath.describe("the customer trait holding the address, e.g. account_owner_email") }),
]);
export type TeamRecipient = z.infer<typeof TeamRecipient>;
