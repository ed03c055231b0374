import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { journeyPauses, type JourneyPause } from '../journeyPauseSchema';
import { journeys, runs } from '../schema';
import type { Journey } from './journeys';

const nowSql = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** A run in flight as journey operations see it: which version it is on and where. */
export type RunInFlight = { workflowId: string; versionId: string; status: 'running' | 'waiting'; currentNodeId: string | null };

/** Every run of the journey still in flight (running or waiting), oldest first. */
export async function runsInFlightOf(db: Db, journeyId: string): Promise<RunInFlight[]> {
  return (await db
    .select({ workflowId: runs.workflowId, versionId: runs.versionId, status: runs.status, currentNodeId: runs.currentNodeId })
    .from(runs)
    .where(and(eq(runs.journeyId, journeyId), inArray(runs.status, ['running', 'waiting'])))
    .orderBy(runs.startedAt, runs.workflowId)) as RunInFlight[];
}

/**
 * Pauses a live journey (no new entries: only `live` journeys start runs) and records how its runs in flight are
 * treated. Pausing a paused journey again changes the mode. The journey as it is now, or undefined.
 */
export async function pauseJourneyWithMode(db: Db, id: string, mode: JourneyPause['mode'], pausedBy: string): Promise<Journey | undefined> {
  return await db.transaction(async () => {
    await db.update(journeys).set({ status: 'paused', updatedAt: nowSql }).where(and(eq(journeys.id, id), inArray(journeys.status, ['live', 'paused'])));
    const journey = (await db.select().from(journeys).where(eq(journeys.id, id)).limit(1))[0];
    if (journey?.status === 'paused') {
      await db.insert(journeyPauses).values({ journeyId: id, mode, pausedBy }).onConflictDoUpdate({ target: journeyPauses.journeyId, set: { mode, pausedBy, pausedAt: nowSql } });
    }
    return journey;
  });
}

/** Makes a paused journey live again (it has a live version) and forgets its pause. The journey, or undefined. */
export async function resumeJourney(db: Db, id: string): Promise<Journey | undefined> {
  return await db.transaction(async () => {
    await db.update(journeys).set({ status: 'live', updatedAt: nowSql }).where(and(eq(journeys.id, id), eq(journeys.status, 'paused'), isNotNull(journeys.liveVersionId)));
    await db.delete(journeyPauses).where(eq(journeyPauses.journeyId, id));
    return (await db.select().from(journeys).where(eq(journeys.id, id)).limit(1))[0];
  });
}

/** How the paused journey treats its runs, or undefined when it is not paused. */
export async function pauseOf(db: Db, journeyId: string): Promise<JourneyPause | undefined> {
  return (await db.select().from(journeyPauses).where(eq(journeyPauses.journeyId, journeyId)).limit(1))[0];
}
