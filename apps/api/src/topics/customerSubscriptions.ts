import { customerTopicStates, findCustomer, getTemplate, getTopic, setTemplateTopic, templateTopicId, type Db } from '@lifecycle/db';
import { HttpError } from '../errors';
import type { CustomerSubscriptions, TemplateTopic } from './schemas';

/** A customer's global switch and their standing in every topic (archived ones included, marked). */
export async function customerSubscriptions(db: Db, id: string): Promise<CustomerSubscriptions> {
  const customer = await findCustomer(db, id);
  if (!customer) throw new HttpError(404, 'not_found', `no customer ${id}`);
  const topics = (await customerTopicStates(db, customer.id)).map(({ topic, subscribed, explicit }) => ({
    id: topic.id, name: topic.name, description: topic.description, archived: topic.archivedAt !== null, subscribed, explicit,
  }));
  return { customerId: customer.id, all: customer.subscription, topics };
}

async function requireTemplate(db: Db, templateId: string): Promise<void> {
  if (!(await getTemplate(db, templateId))) throw new HttpError(404, 'not_found', `no template ${templateId}`);
}

export async function templateTopic(db: Db, templateId: string): Promise<TemplateTopic> {
  await requireTemplate(db, templateId);
  return { topicId: await templateTopicId(db, templateId) };
}

/** Assigns a live topic to a template (null clears it); an unknown or archived topic is a 400 naming `topicId`. */
export async function assignTemplateTopic(db: Db, templateId: string, change: TemplateTopic): Promise<TemplateTopic> {
  return await db.transaction(async () => {
      await requireTemplate(db, templateId);
      const topic = change.topicId === null ? null : await getTopic(db, change.topicId);
      if (change.topicId !== null && (!topic || topic.archivedAt !== null)) {
        const message = topic ? 'the topic is archived' : 'no such topic';
        throw new HttpError(400, 'invalid_request', `topicId: ${message}`, { issues: [{ path: 'topicId', message }] });
      }
      await setTemplateTopic(db, templateId, change.topicId);
      return { topicId: change.topicId };
    });
}
