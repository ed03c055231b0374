import type { BounceNotice } from '@lifecycle/db';
import { z } from 'zod';
import { EmailAddress } from '../emailAddress';

/** `"Ada" <ada@example.com>` or `ada@example.com` → the address (SES may name the recipient). */
const SesAddress = z.string().transform((text) => /<([^<>]+)>\s*$/.exec(text)?.[1] ?? text.trim()).pipe(EmailAddress);

const Recipient = z.object({ emailAddress: SesAddress, diagnosticCode: z.string().max(2000).optional(), status: z.string().max(50).optional() });

/** An Amazon SES bounce or complaint notification (`notificationType`, or `eventType` from event publishing). */
export const SesMessage = z.object({
  notificationType: z.string().max(50).optional(),
  eventType: z.string().max(50).optional(),
  mail: z.object({ messageId: z.string().max(500).optional() }).optional(),
  bounce: z
    .object({
      bounceType: z.string().max(50),
      bounceSubType: z.string().max(100).optional(),
      bouncedRecipients: z.array(Recipient).min(1).max(1000),
      feedbackId: z.string().max(500).optional(),
    })
    .optional(),
  complaint: z
    .object({
      complainedRecipients: z.array(z.object({ emailAddress: SesAddress })).min(1).max(1000),
      complaintFeedbackType: z.string().max(100).optional(),
      feedbackId: z.string().max(500).optional(),
    })
    .optional(),
});
export type SesMessage = z.infer<typeof SesMessage>;

/** The SNS envelope SES notifications arrive in (over HTTP SNS posts it as text/plain JSON). */
export const SnsEnvelope = z.object({
  Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
  MessageId: z.string().min(1).max(500),
  TopicArn: z.string().max(500).optional(),
  Message: z.string().max(256 * 1024),
  SubscribeURL: z.string().max(2000).optional(),
});
export type SnsEnvelope = z.infer<typeof SnsEnvelope>;

/** True for the body of an SNS delivery. */
export function isSnsEnvelope(body: Record<string, unknown>): boolean {
  return typeof body.Type === 'string' && typeof body.MessageId === 'string' && 'Message' in body;
}

/** True for a bare SES notification (SNS raw message delivery, or a relay that unwrapped it). */
export function isSesMessage(body: Record<string, unknown>): boolean {
  return typeof body.notificationType === 'string' || (typeof body.eventType === 'string' && ('bounce' in body || 'complaint' in body || 'mail' in body));
}

/** The SES message's notices, or none when it is about something else (a delivery, an open). */
export function fromSes(message: SesMessage, fallbackId: string): { notices: BounceNotice[]; ignored: number } {
  const type = message.notificationType ?? message.eventType;
  if (type === 'Bounce' && message.bounce) {
    const { bounce } = message;
    // Undetermined bounces are treated as soft: they suppress only when they keep coming.
    const kind = bounce.bounceType === 'Permanent' ? 'hard' : 'soft';
    const id = bounce.feedbackId ?? message.mail?.messageId ?? fallbackId;
    const notices = bounce.bouncedRecipients.map((recipient): BounceNotice => ({
      key: `ses:${id}:${recipient.emailAddress.toLowerCase()}`,
      kind,
      address: recipient.emailAddress,
      reason: recipient.diagnosticCode?.trim() || `${bounce.bounceType} bounce${bounce.bounceSubType ? ` (${bounce.bounceSubType})` : ''}`,
      detail: `Amazon SES ${bounce.bounceType}/${bounce.bounceSubType ?? '-'} bounce, feedback ${id}`,
    }));
    return { notices, ignored: 0 };
  }
  if (type === 'Complaint' && message.complaint) {
    const { complaint } = message;
    const id = complaint.feedbackId ?? message.mail?.messageId ?? fallbackId;
    const notices = complaint.complainedRecipients.map((recipient): BounceNotice => ({
      key: `ses:${id}:${recipient.emailAddress.toLowerCase()}`,
      kind: 'complaint',
      address: recipient.emailAddress,
      reason: `complaint${complaint.complaintFeedbackType ? ` (${complaint.complaintFeedbackType})` : ''}`,
      detail: `Amazon SES complaint, feedback ${id}`,
    }));
    return { notices, ignored: 0 };
  }
  return { notices: [], ignored: 1 };
}
