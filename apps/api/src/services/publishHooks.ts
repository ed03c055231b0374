import type { JourneyGraph } from '@lifecycle/journey';
import type { Db } from '@lifecycle/db';
import { enterExistingMembers } from '../audience/enterExistingMembers';
import { pinTemplates } from './pinTemplates';
import { scheduleEntriesOnPublish } from '../entries/backfill';

/** A version just made live. */
export type PublishedVersion = { journeyId: string; versionId: string; version: number; graph: JourneyGraph };

/**
 * What else happens when a version goes live, one function per concern, in order (each in its own file): entries
 * scheduled, those already in a segment entered, templates pinned. Runs after the version row is stored; a hook
 * that throws fails the publish request, and the version stays live (hooks are safe to run again).
 */
const hooks: ((db: Db, published: PublishedVersion) => void | Promise<void>)[] = [
  pinTemplates,
  enterExistingMembers,
  async (db, published) => await scheduleEntriesOnPublish(db, published),
];

export async function afterPublish(db: Db, published: PublishedVersion): Promise<void> {
  for (const hook of hooks) await hook(db, published);
}
