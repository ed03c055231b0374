import { and, asc, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { journeys, journeyVersions, runs } from '../schema';

export type Journey = typeof journeys.$inferSelect;
export type JourneyVersion = typeof journeyVersions.$inferSelect;
export type JourneyFields = { name: string; lifecycleStage?: string | null; draft: unknown };

const nowSql = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Every journey with the number of its live version (null when none), newest first. */
export async function listJourneys(db: Db): Promise<(Journey & { liveVersion: number | null })[]> {
  return (await db
    .select({ journey: journeys, liveVersion: journeyVersions.version })
    .from(journeys)
    .leftJoin(journeyVersions, eq(journeyVersions.id, journeys.liveVersionId))
    .orderBy(desc(journeys.createdAt), asc(journeys.id)))
    .map((row) => ({ ...row.journey, liveVersion: row.liveVersion }));
}

/** The journey, or undefined. */
export async function getJourney(db: Db, id: string): Promise<Journey | undefined> {
  return (await db.select().from(journeys).where(eq(journeys.id, id)).limit(1))[0];
}

export async function insertJourney(db: Db, id: string, fields: JourneyFields): Promise<Journey> {
  return (await db.insert(journeys).values({ id, ...fields }).returning())[0]!;
}

/** What a draft save did: saved (the journey at its new revision), or nothing because it is gone or moved on. */
export type DraftSaveResult = { status: 'saved'; journey: Journey } | { status: 'missing' } | { status: 'stale'; currentRevision: number };

/**
 * Saves the draft (and name/stage when given) and bumps the revision. With `baseRevision`, only when the journey is
 * still at that revision (checked and written in one immediate transaction, so two tabs or two API processes cannot
 * both win); without it, unconditionally.
 */
export async function updateJourney(db: Db, id: string, fields: Partial<JourneyFields>, baseRevision?: number): Promise<DraftSaveResult> {
  return await db.transaction(async (): Promise<DraftSaveResult> => {
    const current = (await db.select({ revision: journeys.revision }).from(journeys).where(eq(journeys.id, id)).limit(1))[0];
    if (!current) return { status: 'missing' };
    if (baseRevision !== undefined && baseRevision !== current.revision) return { status: 'stale', currentRevision: current.revision };
    const journey = (await db
      .update(journeys)
      .set({ ...fields, revision: sql`${journeys.revision} + 1`, updatedAt: nowSql })
      .where(eq(journeys.id, id))
      .returning())[0]!;
    return { status: 'saved', journey };
  });
}

/**
 * Archives a journey (hidden from the default list; no new entries, runs in flight carry on) or brings it back with
 * the status it had. The journey, or undefined when there is none.
 */
export async function setJourneyArchived(db: Db, id: string, archived: boolean): Promise<Journey | undefined> {
  return (await db
    .update(journeys)
    .set({ archivedAt: archived ? sql`coalesce(${journeys.archivedAt}, ${nowSql})` : null, updatedAt: nowSql })
    .where(eq(journeys.id, id))
    .returning())[0];
}

/** Stops a journey taking new customers (only `live` journeys start runs); its versions and runs are kept. */
export async function pauseJourney(db: Db, id: string): Promise<void> {
  await db.update(journeys).set({ status: 'paused', updatedAt: nowSql }).where(and(eq(journeys.id, id), eq(journeys.status, 'live')));
}

export type JourneyDeleteResult = { status: 'deleted'; journey: Journey } | { status: 'missing' } | { status: 'running'; workflowIds: string[] };

/**
 * Deletes a journey and its versions (run rows are kept for history) unless it has runs in flight other than
 * `cancelling` (runs already asked to cancel, whose rows say running until the workflow records it). Checked and
 * deleted in one immediate transaction, so a run started meanwhile is seen.
 */
export async function deleteJourneyUnlessRunning(db: Db, id: string, cancelling: ReadonlySet<string> = new Set()): Promise<JourneyDeleteResult> {
  return await db.transaction(async (): Promise<JourneyDeleteResult> => {
    const journey = (await db.select().from(journeys).where(eq(journeys.id, id)).limit(1))[0];
    if (!journey) return { status: 'missing' };
    const workflowIds = (await db
      .select({ workflowId: runs.workflowId })
      .from(runs)
      .where(and(eq(runs.journeyId, id), inArray(runs.status, ['running', 'waiting']))))
      .map((row) => row.workflowId)
      .filter((workflowId) => !cancelling.has(workflowId));
    if (workflowIds.length > 0) return { status: 'running', workflowIds };
    await db.delete(journeys).where(eq(journeys.id, id));
    return { status: 'deleted', journey };
  });
}

/** The versions of a journey, newest first, without their graphs. */
export async function listJourneyVersions(db: Db, journeyId: string): Promise<Omit<JourneyVersion, 'graph'>[]> {
  return await db
    .select({
      id: journeyVersions.id,
      journeyId: journeyVersions.journeyId,
      version: journeyVersions.version,
      triggerEvent: journeyVersions.triggerEvent,
      publishedAt: journeyVersions.publishedAt,
    })
    .from(journeyVersions)
    .where(eq(journeyVersions.journeyId, journeyId))
    .orderBy(desc(journeyVersions.version));
}

/** One version of a journey, or undefined. */
export async function getJourneyVersion(db: Db, journeyId: string, versionId: string): Promise<JourneyVersion | undefined> {
  return (await db
    .select()
    .from(journeyVersions)
    .where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.id, versionId))).limit(1))[0];
}

/** Freezes a graph as the journey's next version and makes it the live one, in one transaction. */
export async function publishJourneyVersion(db: Db, input: { id: string; journeyId: string; graph: unknown; triggerEvent: string }): Promise<JourneyVersion> {
  return await db.transaction(async () => {
    const latest = (await db
      .select({ version: max(journeyVersions.version) })
      .from(journeyVersions)
      .where(eq(journeyVersions.journeyId, input.journeyId)).limit(1))[0];
    const version = (await db
      .insert(journeyVersions)
      .values({ ...input, version: (latest?.version ?? 0) + 1 })
      .returning())[0]!;
    await db.update(journeys).set({ status: 'live', liveVersionId: version.id, updatedAt: nowSql }).where(eq(journeys.id, input.journeyId));
    return version;
  });
}

/** Live versions whose trigger is this event name (one per live journey not archived), with the journey's id. */
export async function liveVersionsTriggeredBy(db: Db, eventName: string): Promise<JourneyVersion[]> {
  return (await db
    .select({ version: journeyVersions })
    .from(journeys)
    .innerJoin(journeyVersions, eq(journeyVersions.id, journeys.liveVersionId))
    .where(and(eq(journeys.status, 'live'), isNull(journeys.archivedAt), eq(journeyVersions.triggerEvent, eventName))))
    .map((row) => row.version);
}
