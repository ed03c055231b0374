import type { BounceNotice } from '@lifecycle/db';
import { z } from 'zod';
import { EmailAddress } from '../emailAddress';

/** One event of a SendGrid event webhook post (a JSON array of them). */
export const SendGridEvent = z.object({
  event: z.string().max(50),
  email: EmailAddress,
  sg_event_id: z.string().min(1).max(200),
  type: z.string().max(50).optional(),
  reason: z.string().max(2000).optional(),
  status: z.string().max(50).optional(),
});
export type SendGridEvent = z.infer<typeof SendGridEvent>;

/** True for a SendGrid event (they carry `sg_event_id`). */
export function isSendGridEvent(item: unknown): boolean {
  return typeof item === 'object' && item !== null && 'sg_event_id' in item && 'event' in item;
}

/**
 * `bounce` events are hard bounces (SendGrid's `type: 'blocked'` is a soft one), `spamreport` a complaint; deliveries,
 * opens, clicks and deferrals (SendGrid still retries those) are ignored.
 */
export function fromSendGrid(event: SendGridEvent): { notices: BounceNotice[]; ignored: number } {
  const kind = event.event === 'spamreport' ? 'complaint' : event.event === 'bounce' ? (event.type === 'blocked' ? 'soft' : 'hard') : null;
  if (!kind) return { notices: [], ignored: 1 };
  const reason = event.reason?.trim() || (kind === 'complaint' ? 'marked as spam' : `${event.type ?? 'bounce'}${event.status ? ` ${event.status}` : ''}`);
  return { notices: [{ key: `sendgrid:${event.sg_event_id}`, kind, address: event.email, reason, detail: `SendGrid ${event.event}${event.type ? `/${event.type}` : ''} ${event.sg_event_id}` }], ignored: 0 };
}
