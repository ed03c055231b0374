import { customerTopicStates, findCustomer, getDelivery, type Db } from '@lifecycle/db';
import { verifyPreferenceToken } from '@lifecycle/messaging';
import { HttpError } from '../errors';
import type { PreferencePageModel } from './preferencePage';
import type { SubscriptionsChange } from './schemas';

/** The customer a preference token stands for; one 404 for every bad token, so tokens cannot be probed. */
export async function preferenceCustomer(db: Db, secret: string, token: string): Promise<{ customerId: string; deliveryId: string }> {
  const claim = verifyPreferenceToken(secret, token);
  const delivery = claim ? await getDelivery(db, claim.deliveryId) : undefined;
  const customer = delivery ? await findCustomer(db, delivery.customerId) : undefined;
  if (!delivery || !customer) throw new HttpError(404, 'invalid_token', 'this link is not valid');
  return { customerId: customer.id, deliveryId: delivery.id };
}

/** The page's model: the live topics (archived ones are not offered) and the global switch. */
export async function preferenceModel(db: Db, customerId: string, action: string, saved: boolean): Promise<PreferencePageModel> {
  const customer = await findCustomer(db, customerId);
  const topics = (await customerTopicStates(db, customerId))
    .filter((state) => state.topic.archivedAt === null)
    .map((state) => ({ id: state.topic.id, name: state.topic.name, description: state.topic.description, subscribed: state.subscribed }));
  return { action, topics, unsubscribedFromAll: customer?.subscription === 'unsubscribed', saved };
}

/**
 * The change a posted form asks for. Only topics the page showed (`shown`) and that are still live count: a ticked
 * one is opted in, an unticked one out; anything else in the form is ignored, never reported back.
 */
export async function formChange(db: Db, customerId: string, form: URLSearchParams): Promise<SubscriptionsChange> {
  const live = new Set((await customerTopicStates(db, customerId)).filter((state) => state.topic.archivedAt === null).map((state) => state.topic.id));
  const ticked = new Set(form.getAll('topic'));
  const topics = Object.fromEntries(form.getAll('shown').filter((id) => live.has(id)).map((id) => [id, ticked.has(id)]));
  return { topics, all: form.get('all') === 'unsubscribed' ? 'unsubscribed' : 'subscribed' };
}
