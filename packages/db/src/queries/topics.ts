import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { templateTopics, topics, type TopicRow } from '../topicSchema';

/** Every topic, archived ones included, by name. */
export function listTopics(db: Db): TopicRow[] {
  return db.select().from(topics).orderBy(asc(sql`lower(${topics.name})`)).all();
}

export function getTopic(db: Db, id: string): TopicRow | undefined {
  return db.select().from(topics).where(eq(topics.id, id)).get();
}

/** The topic named `name` (case-insensitive), if any: names are unique so people can tell topics apart. */
export function topicNamed(db: Db, name: string): TopicRow | undefined {
  return db.select().from(topics).where(sql`lower(${topics.name}) = lower(${name})`).get();
}

export function insertTopic(db: Db, topic: { id: string; name: string; description: string | null; defaultSubscribed: boolean }): TopicRow {
  return db.insert(topics).values(topic).returning().get();
}

/** Renames, redescribes, changes the default of, archives (`archivedAt` set) or restores (null) a topic. */
export function updateTopic(db: Db, id: string, change: Partial<Pick<TopicRow, 'name' | 'description' | 'defaultSubscribed' | 'archivedAt'>>): TopicRow | undefined {
  return db
    .update(topics)
    .set({ ...change, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
    .where(eq(topics.id, id))
    .returning()
    .get();
}

/** The topic id of a template, or null. */
export function templateTopicId(db: Db, templateId: string): string | null {
  return db.select({ topicId: templateTopics.topicId }).from(templateTopics).where(eq(templateTopics.templateId, templateId)).get()?.topicId ?? null;
}

/** Sets (or with null clears) a template's topic. */
export function setTemplateTopic(db: Db, templateId: string, topicId: string | null): void {
  if (topicId === null) {
    db.delete(templateTopics).where(eq(templateTopics.templateId, templateId)).run();
    return;
  }
  db.insert(templateTopics).values({ templateId, topicId }).onConflictDoUpdate({ target: templateTopics.templateId, set: { topicId } }).run();
}
