import { claimDelivery, getCustomer, getTemplate, markDeliveryFailed, markDeliverySent, markDeliverySkipped, type Customer, type Delivery } from '@lifecycle/db';
import { addTracking, buildMailMessage, renderMessage, unsubscribeUrl } from '@lifecycle/messaging';
import type { JourneyActivities, SendEmailInput, SendEmailResult } from '@lifecycle/workflows/activities';
import { z } from 'zod';
import { crashAfterSendIfAsked } from './crashFault';
import { deliveryIdentity } from './deliveryIdentity';
import type { ResolvedDeps } from './deps';
import { renderContext } from './renderContext';
import { permanentSmtpFailure } from './smtpFailure';

const SkipReason = z.enum(['unsubscribed', 'suppressed', 'no_email', 'customer_missing']);
type SkipReason = z.infer<typeof SkipReason>;

/** The result a settled delivery stands for; null while it is still pending (a previous attempt did not finish). */
function settledResult(delivery: Delivery): SendEmailResult | null {
  switch (delivery.status) {
    case 'pending':
      return null;
    case 'sent':
      return { status: 'sent', deliveryId: delivery.id, messageId: delivery.messageId, to: delivery.to ?? '', subject: delivery.subject ?? '' };
    case 'skipped': {
      const reason = SkipReason.safeParse(delivery.error);
      return { status: 'skipped', deliveryId: delivery.id, reason: reason.success ? reason.data : 'customer_missing' };
    }
    case 'failed':
      return { status: 'failed', deliveryId: delivery.id, reason: delivery.error ?? 'failed' };
    default: {
      const unknown: never = delivery.status;
      throw new Error(`unknown delivery status ${String(unknown)}`);
    }
  }
}

function skipReason(customer: Customer | undefined): SkipReason | null {
  if (!customer) return 'customer_missing';
  if (customer.subscription === 'unsubscribed') return 'unsubscribed';
  if (customer.suppressed) return 'suppressed';
  if (!customer.email) return 'no_email';
  return null;
}

/**
 * Sends at most one email per (workflowId, nodeId). The delivery row is written before SMTP is called and its
 * settled status is returned to any retry, so a retried activity never sends twice. Transient SMTP failures throw.
 */
export function makeSendEmail({ db, transport, config, clock }: ResolvedDeps): JourneyActivities['sendEmail'] {
  return async (input: SendEmailInput) => {
    const { deliveryId, idempotencyKey, messageId } = deliveryIdentity(input.workflowId, input.nodeId, config.mailFrom);
    const { delivery } = claimDelivery(db, {
      id: deliveryId,
      idempotencyKey,
      workflowId: input.workflowId,
      nodeId: input.nodeId,
      journeyId: input.journeyId,
      customerId: input.customerId,
      templateId: input.templateId,
      messageId,
    });
    const settled = settledResult(delivery);
    if (settled) return settled;

    const customer = getCustomer(db, input.customerId);
    const reason = skipReason(customer);
    if (reason || !customer?.email) {
      const skipped = reason ?? 'no_email';
      markDeliverySkipped(db, deliveryId, skipped);
      return { status: 'skipped', deliveryId, reason: skipped };
    }
    const fail = (why: string): SendEmailResult => {
      markDeliveryFailed(db, deliveryId, why);
      return { status: 'failed', deliveryId, reason: why };
    };

    const template = getTemplate(db, input.templateId);
    if (!template) return fail(`template_missing: ${input.templateId}`);
    const tracking = { publicUrl: config.publicUrl, secret: config.trackingSecret, deliveryId };
    const unsubscribe = unsubscribeUrl(tracking);
    const rendered = await renderMessage(template, renderContext(customer, input, unsubscribe));
    if (!rendered.ok) return fail(`render_error: ${rendered.error}`);

    const message = buildMailMessage({
      from: config.mailFrom,
      to: customer.email,
      subject: rendered.subject,
      html: addTracking(rendered.html, tracking),
      text: rendered.text,
      messageId,
      unsubscribeUrl: unsubscribe,
    });
    try {
      await transport.sendMail(message);
    } catch (error) {
      const permanent = permanentSmtpFailure(error);
      if (permanent) return fail(permanent);
      throw error;
    }
    markDeliverySent(db, deliveryId, { to: customer.email, subject: rendered.subject, sentAt: clock().toISOString() });
    crashAfterSendIfAsked(deliveryId);
    return { status: 'sent', deliveryId, messageId, to: customer.email, subject: rendered.subject };
  };
}
