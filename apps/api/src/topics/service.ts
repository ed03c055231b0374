import { getTopic, insertTopic, listTopics, topicNamed, updateTopic, type Db, type TopicRow } from '@lifecycle/db';
import { HttpError } from '../errors';
import { sortableId } from '../sortableId';
import type { Topic, TopicInput, TopicPatch } from './schemas';

export function topicView(row: TopicRow): Topic {
  return { id: row.id, name: row.name, description: row.description, defaultSubscribed: row.defaultSubscribed, archived: row.archivedAt !== null, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export async function allTopics(db: Db): Promise<Topic[]> {
  return (await listTopics(db)).map(topicView);
}

export async function requireTopic(db: Db, id: string): Promise<TopicRow> {
  const topic = await getTopic(db, id);
  if (!topic) throw new HttpError(404, 'not_found', `no topic ${id}`);
  return topic;
}

async function refuseTakenName(db: Db, name: string, id?: string): Promise<void> {
  const taken = await topicNamed(db, name);
  if (taken && taken.id !== id) throw new HttpError(409, 'name_taken', `a topic named "${taken.name}" exists`, { issues: [{ path: 'name', message: 'another topic has this name' }] });
}

export async function createTopic(db: Db, input: TopicInput): Promise<Topic> {
  return await db.transaction(async () => {
      await refuseTakenName(db, input.name);
      return topicView(await insertTopic(db, { id: sortableId('top'), name: input.name, description: input.description ?? null, defaultSubscribed: input.defaultSubscribed ?? true }));
    });
}

export async function editTopic(db: Db, id: string, patch: TopicPatch): Promise<Topic> {
  return await db.transaction(async () => {
      const topic = await requireTopic(db, id);
      if (patch.name !== undefined) await refuseTakenName(db, patch.name, id);
      const archivedAt = patch.archived === undefined ? topic.archivedAt : patch.archived ? (topic.archivedAt ?? new Date().toISOString()) : null;
      const { archived: _archived, ...fields } = patch;
      return topicView((await updateTopic(db, id, { ...fields, archivedAt })) ?? topic);
    });
}
