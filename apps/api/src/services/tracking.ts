import { verifyTrackingToken, type TrackingClaim } from '@lifecycle/messaging';
import { deliveryTopicId, findCustomer, getDelivery, markDeliveryClicked, markDeliveryOpened, recordDeliveryUnsubscribe, type Db, type Delivery } from '@lifecycle/db';
import { applySubscriptionChange } from '../topics/subscriptionChanges';
import { HttpError } from '../errors';
import { storeInternalEvent } from './ingest';

/** The delivery a token stands for; 404 for a tampered, foreign or stale token (never a redirect). */
export async function claimedDelivery(db: Db, secret: string, token: string, kind: TrackingClaim['kind']): Promise<{ claim: TrackingClaim; delivery: Delivery }> {
  const claim = verifyTrackingToken(secret, token);
  const delivery = claim && claim.kind === kind ? await getDelivery(db, claim.deliveryId) : undefined;
  if (!claim || !delivery) throw new HttpError(404, 'invalid_token', 'this link is not valid');
  return { claim, delivery };
}

async function engagementEvent(db: Db, name: 'email_opened' | 'email_clicked', delivery: Delivery, extra: Record<string, unknown> = {}): Promise<void> {
  await storeInternalEvent(db, {
    messageId: `${name}:${delivery.id}`,
    customerId: delivery.customerId,
    name,
    properties: { deliveryId: delivery.id, workflowId: delivery.workflowId, nodeId: delivery.nodeId, templateId: delivery.templateId, ...extra },
  });
}

/** Records an open: the delivery's first open time and one `email_opened` event. */
export async function recordOpen(db: Db, delivery: Delivery): Promise<void> {
  await markDeliveryOpened(db, delivery.id, new Date().toISOString());
  await engagementEvent(db, 'email_opened', delivery);
}

/** Records a click (which implies an open) and one `email_clicked` event per delivery. */
export async function recordClick(db: Db, delivery: Delivery, url: string): Promise<void> {
  const now = new Date().toISOString();
  await markDeliveryOpened(db, delivery.id, now);
  await markDeliveryClicked(db, delivery.id, now);
  // Images are often blocked: a click is the proof of an open, so a run waiting for the open moves on too.
  await engagementEvent(db, 'email_opened', delivery);
  await engagementEvent(db, 'email_clicked', delivery, { url });
}

/**
 * Unsubscribes the delivery's customer from the email's topic, or from all marketing email when it had none, and
 * emits the `unsubscribed` event. True when something changed (the caller kicks the dispatcher).
 */
export async function unsubscribe(db: Db, delivery: Delivery): Promise<boolean> {
  const topicId = await deliveryTopicId(db, delivery.id);
  const change = topicId ? { topics: { [topicId]: false } } : { all: 'unsubscribed' as const };
  // A customer deleted since the email was sent has nothing left to change; the click still counts and is answered
  // as done (a one-click List-Unsubscribe expects a 2xx).
  const applied = (await findCustomer(db, delivery.customerId)) ? await applySubscriptionChange(db, delivery.customerId, change, 'list_unsubscribe', delivery.id) : [];
  await recordDeliveryUnsubscribe(db, delivery.id, new Date().toISOString());
  return applied.length > 0;
}
