import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { journeyPauses, type JourneyPause } from '../journeyPauseSchema';
import { journeys, runs } from '../schema';
import type { Journey } from './journeys';

const nowSql = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** A run in flight as journey operations see it: which version it is on and where. */
export type RunInFlight = { workflowId: string; versionId: string; status: 'running' | 'waiting'; currentNodeId: string | null };

/** Every run of the journey still in flight (running or waiting), oldest first. */
export function runsInFlightOf(db: Db, journeyId: string): RunInFlight[] {
  return db
    .select({ workflowId: runs.workflowId, versionId: runs.versionId, status: runs.status, currentNodeId: runs.currentNodeId })
    .from(runs)
    .where(and(eq(runs.journeyId, journeyId), inArray(runs.status, ['running', 'waiting'])))
    .orderBy(runs.startedAt, runs.workflowId)
    .all() as RunInFlight[];
}

/**
 * Pauses a live journey (no new entries: only `live` journeys start runs) and records how its runs in flight are
 * treated. Pausing a paused journey again changes the mode. The journey as it is now, or undefined.
 */
export function pauseJourneyWithMode(db: Db, id: string, mode: JourneyPause['mode'], pausedBy: string): Journey | undefined {
  return db.transaction((tx) => {
    tx.update(journeys).set({ status: 'paused', updatedAt: nowSql }).where(and(eq(journeys.id, id), inArray(journeys.status, ['live', 'paused']))).run();
    const journey = tx.select().from(journeys).where(eq(journeys.id, id)).get();
    if (journey?.status === 'paused') {
      tx.insert(journeyPauses).values({ journeyId: id, mode, pausedBy }).onConflictDoUpdate({ target: journeyPauses.journeyId, set: { mode, pausedBy, pausedAt: nowSql } }).run();
    }
    return journey;
  }, { behavior: 'immediate' });
}

/** Makes a paused journey live again (it has a live version) and forgets its pause. The journey, or undefined. */
export function resumeJourney(db: Db, id: string): Journey | undefined {
  return db.transaction((tx) => {
    tx.update(journeys).set({ status: 'live', updatedAt: nowSql }).where(and(eq(journeys.id, id), eq(journeys.status, 'paused'), isNotNull(journeys.liveVersionId))).run();
    tx.delete(journeyPauses).where(eq(journeyPauses.journeyId, id)).run();
    return tx.select().from(journeys).where(eq(journeys.id, id)).get();
  }, { behavior: 'immediate' });
}

/** How the paused journey treats its runs, or undefined when it is not paused. */
export function pauseOf(db: Db, journeyId: string): JourneyPause | undefined {
  return db.select().from(journeyPauses).where(eq(journeyPauses.journeyId, journeyId)).get();
}
