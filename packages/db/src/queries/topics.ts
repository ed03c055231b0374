import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { templateTopics, topics, type TopicRow } from '../topicSchema';

/** Every topic, archived ones included, by name. */
export async function listTopics(db: Db): Promise<TopicRow[]> {
  return await db.select().from(topics).orderBy(asc(sql`lower(${topics.name})`));
}

export async function getTopic(db: Db, id: string): Promise<TopicRow | undefined> {
  return (await db.select().from(topics).where(eq(topics.id, id)).limit(1))[0];
}

/** The topic named `name` (case-insensitive), if any: names are unique so people can tell topics apart. */
export async function topicNamed(db: Db, name: string): Promise<TopicRow | undefined> {
  return (await db.select().from(topics).where(sql`lower(${topics.name}) = lower(${name})`).limit(1))[0];
}

export async function insertTopic(db: Db, topic: { id: string; name: string; description: string | null; defaultSubscribed: boolean }): Promise<TopicRow> {
  return (await db.insert(topics).values(topic).returning())[0]!;
}

/** Renames, redescribes, changes the default of, archives (`archivedAt` set) or restores (null) a topic. */
export async function updateTopic(db: Db, id: string, change: Partial<Pick<TopicRow, 'name' | 'description' | 'defaultSubscribed' | 'archivedAt'>>): Promise<TopicRow | undefined> {
  return (await db
    .update(topics)
    .set({ ...change, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
    .where(eq(topics.id, id))
    .returning())[0];
}

/** The topic id of a template, or null. */
export async function templateTopicId(db: Db, templateId: string): Promise<string | null> {
  return (await db.select({ topicId: templateTopics.topicId }).from(templateTopics).where(eq(templateTopics.templateId, templateId)).limit(1))[0]?.topicId ?? null;
}

/** Sets (or with null clears) a template's topic. */
export async function setTemplateTopic(db: Db, templateId: string, topicId: string | null): Promise<void> {
  if (topicId === null) {
    await db.delete(templateTopics).where(eq(templateTopics.templateId, templateId));
    return;
  }
  await db.insert(templateTopics).values({ templateId, topicId }).onConflictDoUpdate({ target: templateTopics.templateId, set: { topicId } });
}
