import { entryOf, SEGMENT_ENTERED, type NodeOf } from '@lifecycle/journey';
import { getSegment, insertEvent, segmentMemberPage, type Db } from '@lifecycle/db';
import type { PublishedVersion } from '../services/publishHooks';
import { sortableId } from '../sortableId';

/** Members entered per transaction: a large segment never holds the database in one long write. */
const PAGE_SIZE = 500;

/**
 * The message id of the entry of one existing member: one per journey, segment and customer, so a second publish
 * (or a retried one) stores nothing new and enters nobody twice, whatever the re-entry policy.
 */
export const backfillMessageId = (journeyId: string, segmentId: string, customerId: string) => `segment-backfill:${journeyId}:${segmentId}:${customerId}`;

/**
 * "Also enter everyone already in it when published": for a journey that starts when a customer enters a segment,
 * one `segment_entered` event per current member, addressed to this journey (`journeyId`, which `entryMatches`
 * restricts it to) and marked `backfill: true` (the member entered the segment earlier: goals and analytics must not
 * read it as a new entry). The events are dispatched like any other, through trigger conditions and re-entry.
 */
export async function enterExistingMembers(db: Db, published: PublishedVersion): Promise<void> {
  const trigger = published.graph.nodes.find((node): node is NodeOf<'trigger'> => node.type === 'trigger');
  const entry = trigger ? entryOf(trigger) : undefined;
  if (entry?.kind !== 'segment' || entry.on !== 'entered' || !entry.includeExisting) return;
  const segment = await getSegment(db, entry.segmentId);
  if (!segment) return;
  for (let after = ''; ; ) {
    const page = await db.transaction(async () => {
      const members = await segmentMemberPage(db, segment.id, after, PAGE_SIZE);
      const now = new Date().toISOString();
      for (const customerId of members) {
        const properties = { segmentId: segment.id, segmentName: segment.name, journeyId: published.journeyId, backfill: true };
        const event = { id: sortableId('evt'), messageId: backfillMessageId(published.journeyId, segment.id, customerId), type: 'internal' as const, name: SEGMENT_ENTERED, customerId, properties, timestamp: now, receivedAt: now };
        await insertEvent(db, event); // already stored by an earlier publish: kept as it is
      }
      return members;
    });
    if (page.length < PAGE_SIZE) return;
    after = page[page.length - 1]!;
  }
}
