import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { segmentMemberships, segments } from '../lifecycleSchema';

export type Segment = typeof segments.$inferSelect;

/** Every segment, by name. */
export async function listSegments(db: Db): Promise<Segment[]> {
  return await db.select().from(segments).orderBy(segments.name, segments.id);
}

/** The segment, or undefined. */
export async function getSegment(db: Db, id: string): Promise<Segment | undefined> {
  return (await db.select().from(segments).where(eq(segments.id, id)).limit(1))[0];
}

/**
 * Locks the segment's row until the transaction ends: `update` to delete it, `share` to refer to it. SQLite runs one
 * writing transaction at a time anyway; on Postgres (READ COMMITTED) a delete checking that nothing refers to the
 * segment and a save checking that it exists would otherwise both pass, each missing the other's write. A read after
 * the lock sees what the transaction it waited for committed.
 */
export async function lockSegment(db: Db, id: string, mode: 'update' | 'share'): Promise<void> {
  if (db.dialect !== 'postgres') return;
  await db.run(sql`SELECT 1 FROM ${segments} WHERE ${segments.id} = ${id} FOR ${sql.raw(mode === 'update' ? 'UPDATE' : 'SHARE')}`);
}

/** Stores a new segment. */
export async function insertSegment(db: Db, segment: { id: string; name: string; description: string | null; definition: unknown }): Promise<Segment> {
  return (await db.insert(segments).values(segment).returning())[0]!;
}

/** Replaces a segment's name, description and definition; undefined when there is none. */
export async function updateSegment(db: Db, id: string, change: { name: string; description: string | null; definition: unknown }): Promise<Segment | undefined> {
  return (await db.update(segments).set({ ...change, updatedAt: new Date().toISOString() }).where(eq(segments.id, id)).returning())[0];
}

/** Deletes a segment and its memberships; true when it existed. */
export async function deleteSegment(db: Db, id: string): Promise<boolean> {
  await db.delete(segmentMemberships).where(eq(segmentMemberships.segmentId, id));
  return (await db.run(db.delete(segments).where(eq(segments.id, id)))).changes > 0;
}

/** How many customers are in each segment now. */
export async function segmentSizes(db: Db): Promise<Map<string, number>> {
  const rows = await db.prepare('select segment_id as id, count(*) as n from segment_memberships group by segment_id').all<{ id: string; n: number }>();
  return new Map(rows.map((row) => [row.id, row.n]));
}

/** The segments a customer is in now, with when they entered. */
export async function membershipsOf(db: Db, customerId: string): Promise<{ segmentId: string; enteredAt: string }[]> {
  return await db.select({ segmentId: segmentMemberships.segmentId, enteredAt: segmentMemberships.enteredAt }).from(segmentMemberships).where(eq(segmentMemberships.customerId, customerId));
}

/** Adds the customer to a segment. */
export async function addMembership(db: Db, segmentId: string, customerId: string, enteredAt: string): Promise<void> {
  await db.insert(segmentMemberships).values({ segmentId, customerId, enteredAt }).onConflictDoNothing();
}

/** Removes the customer from segments. */
export async function removeMemberships(db: Db, customerId: string, segmentIds: string[]): Promise<void> {
  if (segmentIds.length === 0) return;
  await db.delete(segmentMemberships).where(and(eq(segmentMemberships.customerId, customerId), inArray(segmentMemberships.segmentId, segmentIds)));
}
