import { and, asc, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { journeys, journeyVersions, runs } from '../schema';

export type Journey = typeof journeys.$inferSelect;
export type JourneyVersion = typeof journeyVersions.$inferSelect;
export type JourneyFields = { name: string; lifecycleStage?: string | null; draft: unknown };

const nowSql = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Every journey with the number of its live version (null when none), newest first. */
export function listJourneys(db: Db): (Journey & { liveVersion: number | null })[] {
  return db
    .select({ journey: journeys, liveVersion: journeyVersions.version })
    .from(journeys)
    .leftJoin(journeyVersions, eq(journeyVersions.id, journeys.liveVersionId))
    .orderBy(desc(journeys.createdAt), asc(journeys.id))
    .all()
    .map((row) => ({ ...row.journey, liveVersion: row.liveVersion }));
}

/** The journey, or undefined. */
export function getJourney(db: Db, id: string): Journey | undefined {
  return db.select().from(journeys).where(eq(journeys.id, id)).get();
}

export function insertJourney(db: Db, id: string, fields: JourneyFields): Journey {
  return db.insert(journeys).values({ id, ...fields }).returning().get();
}

/** What a draft save did: saved (the journey at its new revision), or nothing because it is gone or moved on. */
export type DraftSaveResult = { status: 'saved'; journey: Journey } | { status: 'missing' } | { status: 'stale'; currentRevision: number };

/**
 * Saves the draft (and name/stage when given) and bumps the revision. With `baseRevision`, only when the journey is
 * still at that revision (checked and written in one immediate transaction, so two tabs or two API processes cannot
 * both win); without it, unconditionally.
 */
export function updateJourney(db: Db, id: string, fields: Partial<JourneyFields>, baseRevision?: number): DraftSaveResult {
  return db.transaction(
    (tx): DraftSaveResult => {
      const current = tx.select({ revision: journeys.revision }).from(journeys).where(eq(journeys.id, id)).get();
      if (!current) return { status: 'missing' };
      if (baseRevision !== undefined && baseRevision !== current.revision) return { status: 'stale', currentRevision: current.revision };
      const journey = tx
        .update(journeys)
        .set({ ...fields, revision: sql`${journeys.revision} + 1`, updatedAt: nowSql })
        .where(eq(journeys.id, id))
        .returning()
        .get();
      return { status: 'saved', journey };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Archives a journey (hidden from the default list; no new entries, runs in flight carry on) or brings it back with
 * the status it had. The journey, or undefined when there is none.
 */
export function setJourneyArchived(db: Db, id: string, archived: boolean): Journey | undefined {
  return db
    .update(journeys)
    .set({ archivedAt: archived ? sql`coalesce(${journeys.archivedAt}, ${nowSql})` : null, updatedAt: nowSql })
    .where(eq(journeys.id, id))
    .returning()
    .get();
}

/** Stops a journey taking new customers (only `live` journeys start runs); its versions and runs are kept. */
export function pauseJourney(db: Db, id: string): void {
  db.update(journeys).set({ status: 'paused', updatedAt: nowSql }).where(and(eq(journeys.id, id), eq(journeys.status, 'live'))).run();
}

export type JourneyDeleteResult = { status: 'deleted'; journey: Journey } | { status: 'missing' } | { status: 'running'; workflowIds: string[] };

/**
 * Deletes a journey and its versions (run rows are kept for history) unless it has runs in flight other than
 * `cancelling` (runs already asked to cancel, whose rows say running until the workflow records it). Checked and
 * deleted in one immediate transaction, so a run started meanwhile is seen.
 */
export function deleteJourneyUnlessRunning(db: Db, id: string, cancelling: ReadonlySet<string> = new Set()): JourneyDeleteResult {
  return db.transaction(
    (tx): JourneyDeleteResult => {
      const journey = tx.select().from(journeys).where(eq(journeys.id, id)).get();
      if (!journey) return { status: 'missing' };
      const workflowIds = tx
        .select({ workflowId: runs.workflowId })
        .from(runs)
        .where(and(eq(runs.journeyId, id), inArray(runs.status, ['running', 'waiting'])))
        .all()
        .map((row) => row.workflowId)
        .filter((workflowId) => !cancelling.has(workflowId));
      if (workflowIds.length > 0) return { status: 'running', workflowIds };
      tx.delete(journeys).where(eq(journeys.id, id)).run();
      return { status: 'deleted', journey };
    },
    { behavior: 'immediate' },
  );
}

/** The versions of a journey, newest first, without their graphs. */
export function listJourneyVersions(db: Db, journeyId: string): Omit<JourneyVersion, 'graph'>[] {
  return db
    .select({
      id: journeyVersions.id,
      journeyId: journeyVersions.journeyId,
      version: journeyVersions.version,
      triggerEvent: journeyVersions.triggerEvent,
      publishedAt: journeyVersions.publishedAt,
    })
    .from(journeyVersions)
    .where(eq(journeyVersions.journeyId, journeyId))
    .orderBy(desc(journeyVersions.version))
    .all();
}

/** One version of a journey, or undefined. */
export function getJourneyVersion(db: Db, journeyId: string, versionId: string): JourneyVersion | undefined {
  return db
    .select()
    .from(journeyVersions)
    .where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.id, versionId)))
    .get();
}

/** Freezes a graph as the journey's next version and makes it the live one, in one transaction. */
export function publishJourneyVersion(db: Db, input: { id: string; journeyId: string; graph: unknown; triggerEvent: string }): JourneyVersion {
  return db.transaction((tx) => {
    const latest = tx
      .select({ version: max(journeyVersions.version) })
      .from(journeyVersions)
      .where(eq(journeyVersions.journeyId, input.journeyId))
      .get();
    const version = tx
      .insert(journeyVersions)
      .values({ ...input, version: (latest?.version ?? 0) + 1 })
      .returning()
      .get();
    tx.update(journeys).set({ status: 'live', liveVersionId: version.id, updatedAt: nowSql }).where(eq(journeys.id, input.journeyId)).run();
    return version;
  }, { behavior: 'immediate' });
}

/** Live versions whose trigger is this event name (one per live journey not archived), with the journey's id. */
export function liveVersionsTriggeredBy(db: Db, eventName: string): JourneyVersion[] {
  return db
    .select({ version: journeyVersions })
    .from(journeys)
    .innerJoin(journeyVersions, eq(journeyVersions.id, journeys.liveVersionId))
    .where(and(eq(journeys.status, 'live'), isNull(journeys.archivedAt), eq(journeyVersions.triggerEvent, eventName)))
    .all()
    .map((row) => row.version);
}
