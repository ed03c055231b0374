import { z } from 'zod';

const TopicName = z.string().max(100).trim().min(1, 'a topic needs a name').describe('shown to customers on the preference page');
const TopicDescription = z.string().max(500).trim().nullable().describe('one line under the name on the preference page');

/** A subscription topic as the API shows it. */
export const Topic = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  /** true: customers get the topic until they opt out; false: only those who opted in. */
  defaultSubscribed: z.boolean(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Topic = z.infer<typeof Topic>;

export const TopicList = z.object({ topics: z.array(Topic) });
export type TopicList = z.infer<typeof TopicList>;

export const TopicInput = z.strictObject({
  name: TopicName,
  description: TopicDescription.optional(),
  defaultSubscribed: z.boolean().optional().describe('true (default): an opt-out topic; false: opt-in'),
});
export type TopicInput = z.infer<typeof TopicInput>;

export const TopicPatch = z.strictObject({
  name: TopicName.optional(),
  description: TopicDescription.optional(),
  defaultSubscribed: z.boolean().optional(),
  archived: z.boolean().optional().describe('archived topics leave the preference page and cannot be assigned'),
});
export type TopicPatch = z.infer<typeof TopicPatch>;

/** The topic of a template (null: none). */
export const TemplateTopic = z.strictObject({ topicId: z.string().min(1).max(200).nullable() });
export type TemplateTopic = z.infer<typeof TemplateTopic>;

/** A customer's standing: `all` is the global switch ("from everything"), then each topic. */
export const CustomerSubscriptions = z.object({
  customerId: z.string(),
  all: z.enum(['subscribed', 'unsubscribed']),
  topics: z.array(z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), archived: z.boolean(), subscribed: z.boolean(), explicit: z.boolean() })),
});
export type CustomerSubscriptions = z.infer<typeof CustomerSubscriptions>;

/** A change of a customer's subscriptions: the global switch and/or topics by id (true: opted in). */
export const SubscriptionsChange = z.strictObject({
  all: z.enum(['subscribed', 'unsubscribed']).optional().describe('"unsubscribed": from everything; "subscribed": resubscribe'),
  topics: z.record(z.string().min(1).max(200), z.boolean()).optional().describe('topic id → subscribed'),
});
export type SubscriptionsChange = z.infer<typeof SubscriptionsChange>;
