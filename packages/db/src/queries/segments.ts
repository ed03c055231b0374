import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { segmentMemberships, segments } from '../lifecycleSchema';

export type Segment = typeof segments.$inferSelect;

/** Every segment, by name. */
export function listSegments(db: Db): Segment[] {
  return db.select().from(segments).orderBy(segments.name).all();
}

/** The segment, or undefined. */
export function getSegment(db: Db, id: string): Segment | undefined {
  return db.select().from(segments).where(eq(segments.id, id)).get();
}

/** Stores a new segment. */
export function insertSegment(db: Db, segment: { id: string; name: string; description: string | null; definition: unknown }): Segment {
  return db.insert(segments).values(segment).returning().get();
}

/** Replaces a segment's name, description and definition; undefined when there is none. */
export function updateSegment(db: Db, id: string, change: { name: string; description: string | null; definition: unknown }): Segment | undefined {
  return db.update(segments).set({ ...change, updatedAt: new Date().toISOString() }).where(eq(segments.id, id)).returning().get();
}

/** Deletes a segment and its memberships; true when it existed. */
export function deleteSegment(db: Db, id: string): boolean {
  db.delete(segmentMemberships).where(eq(segmentMemberships.segmentId, id)).run();
  return db.delete(segments).where(eq(segments.id, id)).run().changes > 0;
}

/** How many customers are in each segment now. */
export function segmentSizes(db: Db): Map<string, number> {
  const rows = db.$client.prepare('select segment_id as id, count(*) as n from segment_memberships group by segment_id').all() as { id: string; n: number }[];
  return new Map(rows.map((row) => [row.id, row.n]));
}

/** The segments a customer is in now, with when they entered. */
export function membershipsOf(db: Db, customerId: string): { segmentId: string; enteredAt: string }[] {
  return db.select({ segmentId: segmentMemberships.segmentId, enteredAt: segmentMemberships.enteredAt }).from(segmentMemberships).where(eq(segmentMemberships.customerId, customerId)).all();
}

/** Adds the customer to a segment. */
export function addMembership(db: Db, segmentId: string, customerId: string, enteredAt: string): void {
  db.insert(segmentMemberships).values({ segmentId, customerId, enteredAt }).onConflictDoNothing().run();
}

/** Removes the customer from segments. */
export function removeMemberships(db: Db, customerId: string, segmentIds: string[]): void {
  if (segmentIds.length === 0) return;
  db.delete(segmentMemberships).where(and(eq(segmentMemberships.customerId, customerId), inArray(segmentMemberships.segmentId, segmentIds))).run();
}
