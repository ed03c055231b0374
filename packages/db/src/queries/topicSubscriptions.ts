import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { customerTopicSubscriptions, deliveryTopics, topics, type TopicRow } from '../topicSchema';

/** A topic as one customer stands with it: `explicit` when they chose, otherwise the topic's default. */
export interface CustomerTopicState {
  topic: TopicRow;
  subscribed: boolean;
  explicit: boolean;
}

/** Every topic with the customer's standing in it, by name. */
export async function customerTopicStates(db: Db, customerId: string): Promise<CustomerTopicState[]> {
  const rows = await db
    .select({ topic: topics, subscribed: customerTopicSubscriptions.subscribed })
    .from(topics)
    .leftJoin(customerTopicSubscriptions, and(eq(customerTopicSubscriptions.topicId, topics.id), eq(customerTopicSubscriptions.customerId, customerId)))
    .orderBy(sql`lower(${topics.name})`);
  return rows.map(({ topic, subscribed }) => ({ topic, subscribed: subscribed ?? topic.defaultSubscribed, explicit: subscribed !== null }));
}

/** Whether the customer receives the topic: their own choice, else the topic's default; false for an unknown topic. */
export async function subscribedToTopic(db: Db, customerId: string, topicId: string): Promise<boolean> {
  const row = (await db
    .select({ fallback: topics.defaultSubscribed, chosen: customerTopicSubscriptions.subscribed })
    .from(topics)
    .leftJoin(customerTopicSubscriptions, and(eq(customerTopicSubscriptions.topicId, topics.id), eq(customerTopicSubscriptions.customerId, customerId)))
    .where(eq(topics.id, topicId)).limit(1))[0];
  return row ? (row.chosen ?? row.fallback) : false;
}

/** Stores the customer's choice for a topic. */
export async function setTopicSubscription(db: Db, customerId: string, topicId: string, subscribed: boolean): Promise<void> {
  const updatedAt = new Date().toISOString();
  await db.insert(customerTopicSubscriptions)
    .values({ customerId, topicId, subscribed, updatedAt })
    .onConflictDoUpdate({ target: [customerTopicSubscriptions.customerId, customerTopicSubscriptions.topicId], set: { subscribed, updatedAt } });
}

/** Remembers the topic a delivery goes out under (once; a retried send finds it). */
export async function recordDeliveryTopic(db: Db, deliveryId: string, topicId: string): Promise<void> {
  await db.insert(deliveryTopics).values({ deliveryId, topicId }).onConflictDoNothing();
}

/** The topic a delivery went out under, or null for an email without a topic. */
export async function deliveryTopicId(db: Db, deliveryId: string): Promise<string | null> {
  return (await db.select({ topicId: deliveryTopics.topicId }).from(deliveryTopics).where(eq(deliveryTopics.deliveryId, deliveryId)).limit(1))[0]?.topicId ?? null;
}
