import { IdParams } from '../routes/params';
import { route } from '../routes/route';
import { audit } from '../services/audit';
import { assignTemplateTopic, customerSubscriptions, templateTopic } from './customerSubscriptions';
import { preferenceRoutes } from './preferenceRoutes';
import { CustomerSubscriptions, SubscriptionsChange, TemplateTopic, Topic, TopicInput, TopicList, TopicPatch } from './schemas';
import { allTopics, createTopic, editTopic, requireTopic, topicView } from './service';
import { applySubscriptionChange } from './subscriptionChanges';

const tag = 'topics';

/** Subscription topics, template topics, customers' subscriptions, and the hosted preference page. */
export const topicRoutes = [
  route({ method: 'GET', path: '/api/topics', role: 'viewer', tag, summary: 'Subscription topics, archived ones included', ok: { status: 200, schema: TopicList }, handler: async (c) => c.json({ topics: await allTopics(c.var.deps.db) }) }),
  route({
    method: 'POST', path: '/api/topics', role: 'marketer', tag, summary: 'Create a topic (opt-out by default; defaultSubscribed false makes it opt-in)', body: TopicInput, ok: { status: 201, schema: Topic },
    handler: async (c, { body }) => {
      const topic = await createTopic(c.var.deps.db, body);
      await audit(c, 'topic.create', { type: 'topic', id: topic.id }, { name: topic.name });
      return c.json(topic, 201);
    },
  }),
  route({ method: 'GET', path: '/api/topics/:id', role: 'viewer', tag, summary: 'One topic', params: IdParams, ok: { status: 200, schema: Topic }, handler: async (c, { params }) => c.json(topicView(await requireTopic(c.var.deps.db, params.id))) }),
  route({
    method: 'PATCH', path: '/api/topics/:id', role: 'marketer', tag, summary: 'Rename a topic, change its default, archive or restore it', params: IdParams, body: TopicPatch, ok: { status: 200, schema: Topic },
    handler: async (c, { params, body }) => {
      const topic = await editTopic(c.var.deps.db, params.id, body);
      await audit(c, 'topic.update', { type: 'topic', id: topic.id }, { name: topic.name, fields: Object.keys(body) });
      return c.json(topic);
    },
  }),
  route({ method: 'GET', path: '/api/templates/:id/topic', role: 'viewer', tag, summary: "A template's subscription topic", params: IdParams, ok: { status: 200, schema: TemplateTopic }, handler: async (c, { params }) => c.json(await templateTopic(c.var.deps.db, params.id)) }),
  route({
    method: 'PUT', path: '/api/templates/:id/topic', role: 'marketer', tag, summary: "Set a template's subscription topic (null: none); a send node's own topic wins over it", params: IdParams, body: TemplateTopic, ok: { status: 200, schema: TemplateTopic },
    handler: async (c, { params, body }) => {
      const result = await assignTemplateTopic(c.var.deps.db, params.id, body);
      await audit(c, 'template.topic', { type: 'template', id: params.id }, { topicId: result.topicId });
      return c.json(result);
    },
  }),
  route({ method: 'GET', path: '/api/customers/:id/subscriptions', role: 'viewer', tag, summary: "A customer's global subscription and their standing in every topic", params: IdParams, ok: { status: 200, schema: CustomerSubscriptions }, handler: async (c, { params }) => c.json(await customerSubscriptions(c.var.deps.db, params.id)) }),
  route({
    method: 'PUT', path: '/api/customers/:id/subscriptions', role: 'marketer', tag, params: IdParams, body: SubscriptionsChange, ok: { status: 200, schema: CustomerSubscriptions },
    summary: 'Opt a customer in or out of topics (`topics`: id → subscribed) or of everything (`all`); each change emits a subscribed/unsubscribed event',
    handler: async (c, { params, body }) => {
      const { db, dispatcher } = c.var.deps;
      const applied = await applySubscriptionChange(db, params.id, body, 'api');
      if (applied.length > 0) dispatcher.kick();
      await audit(c, 'customer.subscriptions', { type: 'customer', id: params.id }, { changes: applied.map((change) => `${change.event}:${change.topic}`) });
      return c.json(await customerSubscriptions(db, params.id));
    },
  }),
  ...preferenceRoutes,
];
