import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { customers, deliveries, templates } from './schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** A subscription topic (newsletter, product updates…). `defaultSubscribed`: customers get it until they opt out. */
export const topics = sqliteTable('topics', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  defaultSubscribed: integer('default_subscribed', { mode: 'boolean' }).notNull().default(true),
  archivedAt: text('archived_at'),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
});
export type TopicRow = typeof topics.$inferSelect;

/** A customer's own choice for one topic; without a row the topic's default holds. */
export const customerTopicSubscriptions = sqliteTable(
  'customer_topic_subscriptions',
  {
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    topicId: text('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    subscribed: integer('subscribed', { mode: 'boolean' }).notNull(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.topicId] })],
);

/** The topic of a template; a send node's own topic wins over it. */
export const templateTopics = sqliteTable('template_topics', {
  templateId: text('template_id')
    .primaryKey()
    .references(() => templates.id, { onDelete: 'cascade' }),
  topicId: text('topic_id')
    .notNull()
    .references(() => topics.id, { onDelete: 'cascade' }),
});

/** The topic a delivery was sent under: its one-click unsubscribe opts out of that topic only. */
export const deliveryTopics = sqliteTable('delivery_topics', {
  deliveryId: text('delivery_id')
    .primaryKey()
    .references(() => deliveries.id, { onDelete: 'cascade' }),
  topicId: text('topic_id')
    .notNull()
    .references(() => topics.id, { onDelete: 'cascade' }),
});
