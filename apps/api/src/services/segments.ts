import { z } from 'zod';
import { SegmentGroup, segmentRules } from '@lifecycle/journey';
import { deleteSegment, getSegment, insertSegment, listSegments, lockSegment, refillSegmentMembers, segmentSizes, tryEvaluateSegment, updateSegment, type Db, type Segment } from '@lifecycle/db';
import { HttpError } from '../errors';
import { sortableId } from '../sortableId';

/** POST/PUT /api/segments body. */
export const SegmentInput = z.object({
  name: z.string().max(200).trim().min(1),
  description: z.string().max(2000).nullable().default(null),
  definition: SegmentGroup,
});
export type SegmentInput = z.infer<typeof SegmentInput>;

/** Every segment with its current size. */
export async function listWithSizes(db: Db) {
  const sizes = await segmentSizes(db);
  return (await listSegments(db)).map((segment) => ({ ...segment, size: sizes.get(segment.id) ?? 0 }));
}

/** The segment, or 404. */
export async function findSegment(db: Db, id: string): Promise<Segment> {
  const segment = await getSegment(db, id);
  if (!segment) throw new HttpError(404, 'not_found', `no segment ${id}`);
  return segment;
}

async function checkReferences(db: Db, id: string | null, definition: SegmentGroup): Promise<void> {
  for (const rule of segmentRules(definition)) {
    if (rule.kind !== 'segment') continue;
    if (rule.segmentId === id) throw new HttpError(400, 'invalid_segment', 'a segment cannot refer to itself');
    await lockSegment(db, rule.segmentId, 'share'); // held to the commit: the segment cannot be deleted under the save
    if (!(await getSegment(db, rule.segmentId))) throw new HttpError(400, 'invalid_segment', `no segment ${rule.segmentId} to refer to`);
  }
}

/**
 * Brings a saved segment's memberships up to date for everyone, in two set-based statements (no
 * per-customer loop). Existing matches join silently: no `segment_entered` events for a backfill,
 * so saving a segment does not flood journeys. Customers with events inside a window are queued
 * for a re-check, which books when their window next ends.
 */
export async function backfillSegment(db: Db, segment: { id: string; definition: SegmentGroup }, now = new Date()): Promise<void> {
  await db.transaction(async () => refillSegmentMembers(db, segment.id, segment.definition, now));
}

/**
 * Compiles the definition to SQL and runs it on a row, so a definition SQLite cannot evaluate is refused
 * (422) instead of being saved and then failing for every event that re-checks segments.
 */
export async function checkEvaluable(db: Db, definition: SegmentGroup, now = new Date()): Promise<void> {
  try {
    await tryEvaluateSegment(db, definition, now);
  } catch (error) {
    throw new HttpError(422, 'invalid_segment', `this definition cannot be evaluated: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Creates a segment and fills its memberships; nothing is saved if the backfill fails. */
export async function createSegment(db: Db, input: SegmentInput): Promise<Segment> {
  // The checks in the transaction too: a segment this one refers to cannot be deleted between them and the insert.
  return await db.transaction(async () => {
    await checkReferences(db, null, input.definition);
    await checkEvaluable(db, input.definition);
    const segment = await insertSegment(db, { id: sortableId('seg'), ...input });
    await backfillSegment(db, { id: segment.id, definition: input.definition });
    return segment;
  });
}

/** Replaces a segment's definition and brings its memberships up to date. */
export async function saveSegment(db: Db, id: string, input: SegmentInput): Promise<Segment> {
  // As createSegment: the checks and the update in one transaction.
  return await db.transaction(async () => {
    await findSegment(db, id);
    await checkReferences(db, id, input.definition);
    await checkEvaluable(db, input.definition);
    const segment = await updateSegment(db, id, input);
    if (!segment) throw new HttpError(404, 'not_found', `no segment ${id}`);
    await backfillSegment(db, { id, definition: input.definition });
    return segment;
  });
}

/** Deletes a segment unless another segment refers to it (409). */
export async function removeSegment(db: Db, id: string): Promise<void> {
  // One transaction from the check to the deletes (memberships, then the segment): a segment saved meanwhile with a
  // reference to this one is either seen here (409) or refused for referring to a deleted segment.
  await db.transaction(async () => {
    await lockSegment(db, id, 'update'); // after a save referring to it commits, or before one may begin to
    await findSegment(db, id);
    const users = (await listSegments(db)).filter((other) => {
      const parsed = SegmentGroup.safeParse(other.definition);
      return parsed.success && segmentRules(parsed.data).some((rule) => rule.kind === 'segment' && rule.segmentId === id);
    });
    if (users.length > 0) throw new HttpError(409, 'segment_in_use', `segment is used by ${users.map((u) => u.name).join(', ')}`);
    await deleteSegment(db, id);
  });
}
