import { createHash } from 'node:crypto';
import type { BounceNotice } from '@lifecycle/db';
import { z } from 'zod';
import { EmailAddress } from '../emailAddress';

/**
 * The documented generic notice: `{ type: 'bounce' | 'complaint', email, bounceType: 'hard' | 'soft' (bounces),
 * reason?, at?, id? }`. `id` (or else the whole notice) identifies it, so a notice sent twice counts once.
 */
export const GenericNotice = z
  .object({
    id: z.string().min(1).max(200).optional(),
    type: z.enum(['bounce', 'complaint']),
    email: EmailAddress,
    bounceType: z.enum(['hard', 'soft']).optional(),
    reason: z.string().max(2000).optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((notice) => notice.type !== 'bounce' || notice.bounceType !== undefined, { path: ['bounceType'], message: "a bounce needs bounceType 'hard' or 'soft'" });
export type GenericNotice = z.infer<typeof GenericNotice>;

/** A list of notices (at most 1,000 a request). */
export const GenericNoticeList = z.array(GenericNotice).min(1).max(1000);

function keyOf(notice: GenericNotice): string {
  if (notice.id) return `generic:${notice.id}`;
  const identity = JSON.stringify([notice.type, notice.email.toLowerCase(), notice.bounceType ?? null, notice.reason ?? null, notice.at ?? null]);
  return `generic:sha256:${createHash('sha256').update(identity).digest('hex')}`;
}

/** A generic notice in the common form. */
export function fromGeneric(notice: GenericNotice): BounceNotice {
  const kind = notice.type === 'complaint' ? 'complaint' : notice.bounceType === 'hard' ? 'hard' : 'soft';
  const fallback = kind === 'complaint' ? 'marked as spam' : `${kind} bounce`;
  return { key: keyOf(notice), kind, address: notice.email, reason: notice.reason?.trim() || fallback, detail: `generic notice${notice.at ? ` at ${notice.at}` : ''}` };
}
