import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../client';
import { segmentMemberships } from '../lifecycleSchema';

/**
 * One page of a segment's current members, by customer id after `afterCustomerId` (a keyset page: members who join
 * or leave meanwhile never shift the pages still to read). Empty when the segment has no members past that id.
 */
export async function segmentMemberPage(db: Db, segmentId: string, afterCustomerId: string, limit: number): Promise<string[]> {
  return (await db
    .select({ customerId: segmentMemberships.customerId })
    .from(segmentMemberships)
    .where(and(eq(segmentMemberships.segmentId, segmentId), gt(segmentMemberships.customerId, afterCustomerId)))
    .orderBy(asc(segmentMemberships.customerId))
    .limit(limit))
    .map((row) => row.customerId);
}
