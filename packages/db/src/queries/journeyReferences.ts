import { and, asc, eq, exists, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { journeys, journeyVersions, runs } from '../schema';

/** A journey as a refusal names it. */
export type JourneyRef = { id: string; name: string };

/** What a node of a published graph can point at: a template (send_email) or an offer (offer). */
export type GraphReference = { nodeType: 'send_email'; templateId: string } | { nodeType: 'offer'; offerId: string };

function referenceOf(reference: GraphReference): { path: string; id: string } {
  switch (reference.nodeType) {
    case 'send_email':
      return { path: '$.templateId', id: reference.templateId };
    case 'offer':
      return { path: '$.offerId', id: reference.offerId };
    default: {
      const unknown: never = reference;
      throw new Error(`unknown reference ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Journeys that still need the template or offer: their live version, or any version with runs in flight, has a node
 * pointing at it. (Drafts do not count: the editor marks a draft's missing template as a problem to fix.)
 */
export async function journeysUsing(db: Db, reference: GraphReference): Promise<JourneyRef[]> {
  const { path, id } = referenceOf(reference);
  const pointsAtIt = sql`exists (select 1 from json_each(${journeyVersions.graph}, '$.nodes') as node
    where json_extract(node.value, '$.type') = ${reference.nodeType} and json_extract(node.value, ${path}) = ${id})`;
  const runsInFlight = db
    .select({ one: sql`1` })
    .from(runs)
    .where(and(eq(runs.journeyId, journeyVersions.journeyId), eq(runs.versionId, journeyVersions.id), inArray(runs.status, ['running', 'waiting'])));
  return await db
    .selectDistinct({ id: journeys.id, name: journeys.name })
    .from(journeyVersions)
    .innerJoin(journeys, eq(journeys.id, journeyVersions.journeyId))
    .where(and(pointsAtIt, or(eq(journeys.liveVersionId, journeyVersions.id), exists(runsInFlight))))
    .orderBy(asc(journeys.name), asc(journeys.id));
}

/** What a guarded delete did: deleted, nothing to delete, or refused because these journeys use it. */
export type GuardedDelete = { status: 'deleted' } | { status: 'missing' } | { status: 'in_use'; journeys: JourneyRef[] };

/**
 * Runs `remove` (resolving true when it deleted a row) unless a journey still uses the reference; check and delete
 * share one immediate transaction, so a version published or a run started by another process in between is seen.
 */
export async function deleteUnlessUsed(db: Db, reference: GraphReference, remove: () => Promise<boolean>): Promise<GuardedDelete> {
  return await db.transaction(async (): Promise<GuardedDelete> => {
    const users = await journeysUsing(db, reference);
    if (users.length > 0) return { status: 'in_use', journeys: users };
    return (await remove()) ? { status: 'deleted' } : { status: 'missing' };
  });
}
