import { writeRunProgressBatch, claimDelivery, findCustomer, heldOutByGlobalControl, loadAnalyticsSettings, markDeliveryFailed, markDeliverySkipped, recordDeliveryMessage, resumeDelivery, recordSendTopic, templateForSend, topicSkipReason, type Customer } from '@lifecycle/db';
import { buildMailMessage, unsubscribeUrl } from '@lifecycle/messaging';
import type { JourneyActivities, SendEmailInput, SendEmailResult } from '@lifecycle/workflows/activities';
import { composeMessage } from './composeMessage';
import { deliver } from './deliver';
import { deliveryIdentity } from './deliveryIdentity';
import type { ResolvedDeps } from './deps';
import { renderContext } from './renderContext';
import { governSend } from './sendGovernance';
import { storedResult, type SkipReason } from './storedResult';

function skipReason(customer: Customer | undefined): SkipReason | null {
  if (!customer) return 'customer_missing';
  if (customer.subscription === 'unsubscribed') return 'unsubscribed';
  if (customer.suppressed) return 'suppressed';
  if (!customer.email) return 'no_email';
  return null;
}

/**
 * Sends at most one email per (workflowId, nodeId). The delivery row is written before SMTP is called and what
 * it records is returned to any retry; see `deliver` for how a crash mid-send is told apart from a safe resend.
 */
export function makeSendEmail(deps: ResolvedDeps): JourneyActivities['sendEmail'] {
  const { db, config, renderer, clock } = deps;
  return async (input: SendEmailInput) => {
    // The run's queued progress (the previous exit, this send's entry) first, in its own transaction: the runs monitor
    // shows the run at the send while it sends, whatever the send then does. Upserts: a retry rewrites the same rows.
    if (input.progress?.length) await writeRunProgressBatch(db, input.progress);
    const { deliveryId, idempotencyKey, messageId } = deliveryIdentity(input.workflowId, input.nodeId, config.mailFrom);
    const values = {
      id: deliveryId,
      idempotencyKey,
      workflowId: input.workflowId,
      nodeId: input.nodeId,
      journeyId: input.journeyId,
      customerId: input.customerId,
      templateId: input.templateId,
      messageId,
    };
    // A retry finds what an earlier attempt recorded; a send held by caps or quiet hours recorded nothing.
    const earlier = await resumeDelivery(db, idempotencyKey);
    const stored = earlier ? await storedResult(db, earlier) : null;
    if (stored) return stored;

    const customer = await findCustomer(db, input.customerId);
    // A lifecycle (marketing) email: the global control group gets none. A transactional one (a receipt) is not a
    // lifecycle message, so the control group gets it.
    const heldOut = customer !== undefined && !input.transactional && await heldOutByGlobalControl(db, await loadAnalyticsSettings(db), customer.id, clock());
    const topicInput = { ...input, deliveryId, customerId: customer?.id ?? input.customerId };
    // `false`: the topic is recorded on the delivery once its row exists (below), not before.
    const reason = heldOut ? 'global_control' : (skipReason(customer) ?? await topicSkipReason(db, topicInput, false));
    if (reason || !customer?.email) {
      const skipped = reason ?? 'no_email';
      if (!earlier) await claimDelivery(db, values);
      await markDeliverySkipped(db, deliveryId, skipped);
      await recordSendTopic(db, topicInput);
      return { status: 'skipped', deliveryId, reason: skipped };
    }
    // Frequency cap and quiet hours. An earlier attempt that left its delivery pending was claimed (and counted) then.
    if (!earlier) {
      const governed = await governSend(db, input, customer, values, Math.max(clock().getTime(), input.dueAtMs ?? 0));
      if (!governed.go) return governed.result;
    }
    await recordSendTopic(db, topicInput);
    const fail = async (why: string): Promise<SendEmailResult> => {
      await markDeliveryFailed(db, deliveryId, why);
      return { status: 'failed', deliveryId, reason: why };
    };

    // The revision the run's version pinned when it went live (edits since reach only versions published later); a
    // version published before pinning existed sends the template as it is now.
    const found = await templateForSend(db, input.versionId, input.templateId);
    if (!found) return fail(`template_missing: ${input.templateId}`);
    const template = { subject: found.subject, html: found.html, text: found.text };
    const tracking = { publicUrl: config.publicUrl, secret: config.trackingSecret, deliveryId };
    const unsubscribe = unsubscribeUrl(tracking);
    // On a render thread with a deadline: a template whose cost depends on the customer cannot stall the worker.
    const rendered = await renderer.render({ template, context: renderContext(customer, input, unsubscribe), tracking });
    if (!rendered.ok) return fail(`${rendered.reason}: ${rendered.error}`);
    if (!rendered.tracked) throw new Error('the render pool returned no tracked copy of the message');
    // Without tracking: viewing the stored message must not count as an open or a click.
    await recordDeliveryMessage(db, deliveryId, { subject: rendered.subject, html: rendered.html, text: rendered.text });

    // multipart/alternative: the HTML, and the text part (the template's own, or generated from the HTML).
    const message = buildMailMessage({
      from: config.mailFrom,
      to: customer.email,
      subject: rendered.subject,
      html: rendered.tracked.html,
      text: rendered.tracked.text,
      messageId,
      unsubscribeUrl: unsubscribe,
    });
    const composed = await composeMessage(message);
    return deliver(deps, { deliveryId, messageId, to: customer.email, subject: rendered.subject, message: composed });
  };
}
