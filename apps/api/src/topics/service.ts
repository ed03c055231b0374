import { getTopic, insertTopic, listTopics, topicNamed, updateTopic, writeTransaction, type Db, type TopicRow } from '@lifecycle/db';
import { HttpError } from '../errors';
import { sortableId } from '../sortableId';
import type { Topic, TopicInput, TopicPatch } from './schemas';

export function topicView(row: TopicRow): Topic {
  return { id: row.id, name: row.name, description: row.description, defaultSubscribed: row.defaultSubscribed, archived: row.archivedAt !== null, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export function allTopics(db: Db): Topic[] {
  return listTopics(db).map(topicView);
}

export function requireTopic(db: Db, id: string): TopicRow {
  const topic = getTopic(db, id);
  if (!topic) throw new HttpError(404, 'not_found', `no topic ${id}`);
  return topic;
}

function refuseTakenName(db: Db, name: string, id?: string): void {
  const taken = topicNamed(db, name);
  if (taken && taken.id !== id) throw new HttpError(409, 'name_taken', `a topic named "${taken.name}" exists`, { issues: [{ path: 'name', message: 'another topic has this name' }] });
}

export function createTopic(db: Db, input: TopicInput): Topic {
  return writeTransaction(db, () => {
      refuseTakenName(db, input.name);
      return topicView(insertTopic(db, { id: sortableId('top'), name: input.name, description: input.description ?? null, defaultSubscribed: input.defaultSubscribed ?? true }));
    });
}

export function editTopic(db: Db, id: string, patch: TopicPatch): Topic {
  return writeTransaction(db, () => {
      const topic = requireTopic(db, id);
      if (patch.name !== undefined) refuseTakenName(db, patch.name, id);
      const archivedAt = patch.archived === undefined ? topic.archivedAt : patch.archived ? (topic.archivedAt ?? new Date().toISOString()) : null;
      const { archived: _archived, ...fields } = patch;
      return topicView(updateTopic(db, id, { ...fields, archivedAt }) ?? topic);
    });
}
