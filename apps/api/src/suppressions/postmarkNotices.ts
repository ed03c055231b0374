import type { BounceNotice } from '@lifecycle/db';
import { z } from 'zod';
import { EmailAddress } from '../emailAddress';

/** A Postmark bounce or spam-complaint webhook body. */
export const PostmarkNotice = z.object({
  RecordType: z.string().max(50),
  ID: z.union([z.number(), z.string().min(1).max(100)]),
  Type: z.string().max(50).optional(),
  Email: EmailAddress,
  Description: z.string().max(2000).optional(),
  Details: z.string().max(2000).optional(),
});
export type PostmarkNotice = z.infer<typeof PostmarkNotice>;

/** True for a Postmark webhook body. */
export function isPostmarkNotice(body: Record<string, unknown>): boolean {
  return typeof body.RecordType === 'string';
}

// Postmark's bounce types (postmarkapp.com/developer/api/bounce-api#bounce-types): which suppress at once, which count.
const hardTypes = new Set(['HardBounce', 'BadEmailAddress', 'ManuallyDeactivated']);
const softTypes = new Set(['SoftBounce', 'Transient', 'DnsError', 'Blocked']);

/** The Postmark notice in the common form, or none for what is not a bounce (auto-replies, subscribe notices…). */
export function fromPostmark(notice: PostmarkNotice): { notices: BounceNotice[]; ignored: number } {
  const type = notice.Type ?? notice.RecordType;
  const kind = notice.RecordType === 'SpamComplaint' || type === 'SpamComplaint' ? 'complaint' : hardTypes.has(type) ? 'hard' : softTypes.has(type) ? 'soft' : null;
  if (notice.RecordType !== 'Bounce' && notice.RecordType !== 'SpamComplaint') return { notices: [], ignored: 1 };
  if (!kind) return { notices: [], ignored: 1 };
  const reason = notice.Details?.trim() || notice.Description?.trim() || type;
  return { notices: [{ key: `postmark:${String(notice.ID)}`, kind, address: notice.Email, reason, detail: `Postmark ${type} ${String(notice.ID)}` }], ignored: 0 };
}
