import { customerTopicStates, findCustomer, setSubscription, setTopicSubscription, type Db } from '@lifecycle/db';
import { HttpError } from '../errors';
import { storeInternalEvent } from '../services/ingest';
import { sortableId } from '../sortableId';
import type { SubscriptionsChange } from './schemas';

/** Where a change came from; stored on its event so analytics can tell a preference page save from a one-click. */
export type ChangeSource = 'preference_page' | 'list_unsubscribe' | 'api';

/** One change that took effect: `topic` is the topic's name, or `all` for the global switch. */
export interface AppliedChange {
  event: 'subscribed' | 'unsubscribed';
  topic: string;
  topicId: string | null;
}

async function emit(db: Db, customerId: string, change: AppliedChange, source: ChangeSource, deliveryId: string | null): Promise<void> {
  await storeInternalEvent(db, {
    messageId: `${change.event}:${customerId}:${change.topicId ?? 'all'}:${sortableId('sub')}`,
    customerId,
    name: change.event,
    properties: { topic: change.topic, ...(change.topicId ? { topicId: change.topicId } : {}), source, ...(deliveryId ? { deliveryId } : {}) },
  });
}

/**
 * Applies a change of a customer's subscriptions in one transaction and emits one `subscribed` / `unsubscribed`
 * event (property `topic`: the topic's name or `all`) per choice that actually changed, so a journey can trigger on
 * it. A topic id that names no topic is a 400 naming it. Answers the changes that took effect (the caller kicks
 * the dispatcher when there are any).
 */
export async function applySubscriptionChange(db: Db, customerIdOrAlias: string, change: SubscriptionsChange, source: ChangeSource, deliveryId: string | null = null): Promise<AppliedChange[]> {
  return await db.transaction(async () => {
      const customer = await findCustomer(db, customerIdOrAlias);
      if (!customer) throw new HttpError(404, 'not_found', `no customer ${customerIdOrAlias}`);
      await db.lockCustomers([customer.id]); // its events are numbered in the order its changes commit
      const states = new Map((await customerTopicStates(db, customer.id)).map((state) => [state.topic.id, state]));
      const applied: AppliedChange[] = [];
      for (const [topicId, subscribed] of Object.entries(change.topics ?? {})) {
        const state = states.get(topicId);
        if (!state) throw new HttpError(400, 'invalid_request', `topics.${topicId}: no such topic`, { issues: [{ path: `topics.${topicId}`, message: 'no such topic' }] });
        await setTopicSubscription(db, customer.id, topicId, subscribed);
        if (state.subscribed !== subscribed) applied.push({ event: subscribed ? 'subscribed' : 'unsubscribed', topic: state.topic.name, topicId });
      }
      if (change.all && change.all !== customer.subscription) {
        await setSubscription(db, customer.id, change.all);
        applied.push({ event: change.all, topic: 'all', topicId: null });
      }
      for (const applies of applied) await emit(db, customer.id, applies, source, deliveryId);
      return applied;
    });
}
