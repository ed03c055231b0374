import { and, asc, desc, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { journeys, journeyVersions } from '../schema';

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

/** Saves the draft (and name/stage when given); undefined when there is no such journey. */
export function updateJourney(db: Db, id: string, fields: Partial<JourneyFields>): Journey | undefined {
  return db
    .update(journeys)
    .set({ ...fields, updatedAt: nowSql })
    .where(eq(journeys.id, id))
    .returning()
    .get();
}

/** Deletes a journey and its versions (runs keep their rows); false when there was none. */
export function deleteJourney(db: Db, id: string): boolean {
  return db.delete(journeys).where(eq(journeys.id, id)).run().changes > 0;
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
  });
}

/** Live versions whose trigger is this event name (one per live journey), with the journey's id. */
export function liveVersionsTriggeredBy(db: Db, eventName: string): JourneyVersion[] {
  return db
    .select({ version: journeyVersions })
    .from(journeys)
    .innerJoin(journeyVersions, eq(journeyVersions.id, journeys.liveVersionId))
    .where(and(eq(journeys.status, 'live'), eq(journeyVersions.triggerEvent, eventName)))
    .all()
    .map((row) => row.version);
}
