import { durationMs, referencedSegments, SEGMENT_ENTERED, SEGMENT_EXITED, SegmentGroup, segmentRules } from '@lifecycle/journey';
import {
  addSegmentMember,
  customerMatchesSegment,
  customersMatchingSegment,
  existingCustomers,
  insertInternalEvent,
  listSegments,
  oldestEngagementsSince,
  oldestEventsSince,
  recordJourneyGoalEvent,
  removeSegmentMember,
  segmentIdsOfCustomers,
  segmentPreviewRows,
  setSegmentRecheck,
  type Db,
} from '@lifecycle/db';
import { sortableId } from '../sortableId';

export type LoadedSegment = { id: string; name: string; definition: SegmentGroup };

/** Segments with a parseable definition, each after the segments it refers to (cycles are broken arbitrarily). */
export async function loadSegments(db: Db): Promise<LoadedSegment[]> {
  const parsed = (await listSegments(db)).flatMap((segment) => {
    const definition = SegmentGroup.safeParse(segment.definition);
    return definition.success ? [{ id: segment.id, name: segment.name, definition: definition.data }] : [];
  });
  const byId = new Map(parsed.map((segment) => [segment.id, segment]));
  const ordered: LoadedSegment[] = [];
  const seen = new Set<string>();
  const visit = (segment: LoadedSegment) => {
    if (seen.has(segment.id)) return;
    seen.add(segment.id);
    for (const dependency of referencedSegments(segment.definition)) {
      const found = byId.get(dependency);
      if (found) visit(found);
    }
    ordered.push(segment);
  };
  parsed.forEach(visit);
  return ordered;
}

/** Whether one customer matches a segment now (one indexed query). */
export async function customerMatches(db: Db, customerId: string, definition: SegmentGroup, now: Date): Promise<boolean> {
  return await customerMatchesSegment(db, customerId, definition, now);
}

/**
 * When each customer's result might next change with no new event: the oldest event (or email engagement) inside a
 * window leaves it at its time + the window. Customers no window counts anything for are absent.
 */
async function nextWindowChanges(db: Db, customerIds: readonly string[], segments: readonly LoadedSegment[], now: Date): Promise<Map<string, string>> {
  const soonest = new Map<string, number>();
  for (const segment of segments) {
    for (const rule of segmentRules(segment.definition)) {
      if ((rule.kind !== 'event' && rule.kind !== 'email') || !rule.within) continue;
      const windowMs = durationMs(rule.within);
      const from = new Date(now.getTime() - windowMs).toISOString();
      const oldest = rule.kind === 'event' ? await oldestEventsSince(db, customerIds, rule.event, from) : await oldestEngagementsSince(db, customerIds, rule.action, from);
      for (const [customerId, at] of oldest) {
        const due = Date.parse(at) + windowMs + 1;
        soonest.set(customerId, Math.min(soonest.get(customerId) ?? due, due));
      }
    }
  }
  return new Map([...soonest].map(([customerId, due]) => [customerId, new Date(due).toISOString()]));
}

async function emit(db: Db, customerId: string, name: string, segment: LoadedSegment, at: string): Promise<void> {
  const id = sortableId('evt');
  await insertInternalEvent(db, { id, messageId: `segment:${id}`, name, customerId, properties: { segmentId: segment.id, segmentName: segment.name }, at });
  // Segment events skip ingest's analytics hook; a journey whose goal is entering or leaving a segment needs them.
  await recordJourneyGoalEvent(db, { customerId, name, properties: { segmentId: segment.id }, timestamp: at });
}

/**
 * Which of the customers match, or null when the segment cannot be evaluated (saving checks that, but a definition
 * stored before that check existed must not make every event of every customer fail).
 */
async function matchingSafely(db: Db, customerIds: readonly string[], segment: LoadedSegment, now: Date): Promise<Set<string> | null> {
  try {
    return await customersMatchingSegment(db, customerIds, segment.definition, now);
  } catch (error) {
    console.error(`segment ${segment.id} could not be evaluated and was skipped: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

export type SegmentChanges = { entered: string[]; exited: string[] };

/**
 * Re-evaluates the segments of a set of customers (not a rescan of everyone), one query per segment for all of them:
 * writes memberships that changed, stores a `segment_entered` / `segment_exited` event for each change and books each
 * customer's next re-check a time window needs. Segments are checked in order, each one's memberships written before
 * the next is checked, which may refer to it. Answers the ids each customer entered and exited.
 */
export async function evaluateSegmentsOf(db: Db, customerIds: Iterable<string>, segments: readonly LoadedSegment[], now = new Date()): Promise<Map<string, SegmentChanges>> {
  const changes = new Map<string, SegmentChanges>();
  const existing = segments.length === 0 ? new Set<string>() : await existingCustomers(db, customerIds);
  const customers = [...existing].sort();
  if (customers.length === 0) return changes;
  // One transaction (a savepoint inside the caller's) naming the customers: two processes writing one customer's
  // memberships run one after the other (ingest holds their locks already; the sweep finds its customers as it goes).
  return await db.transaction(async () => await writeSegmentChanges(db, customers, segments, now, changes), { customers });
}

async function writeSegmentChanges(db: Db, customers: string[], segments: readonly LoadedSegment[], now: Date, changes: Map<string, SegmentChanges>): Promise<Map<string, SegmentChanges>> {
  const at = now.toISOString();
  const memberships = await segmentIdsOfCustomers(db, customers);
  for (const customerId of customers) changes.set(customerId, { entered: [], exited: [] });
  for (const segment of segments) {
    const matching = await matchingSafely(db, customers, segment, now);
    if (matching === null) continue;
    for (const customerId of customers) {
      const member = memberships.get(customerId)?.has(segment.id) ?? false;
      const change = changes.get(customerId)!;
      if (matching.has(customerId) && !member) {
        await addSegmentMember(db, segment.id, customerId, at);
        await emit(db, customerId, SEGMENT_ENTERED, segment, at);
        change.entered.push(segment.id);
      } else if (!matching.has(customerId) && member) {
        await removeSegmentMember(db, segment.id, customerId);
        await emit(db, customerId, SEGMENT_EXITED, segment, at);
        change.exited.push(segment.id);
      }
    }
  }
  const rechecks = await nextWindowChanges(db, customers, segments, now);
  for (const customerId of customers) await setSegmentRecheck(db, customerId, rechecks.get(customerId) ?? null);
  return changes;
}

/** Re-evaluates one customer's segments (evaluateSegmentsOf for one). */
export async function evaluateCustomerSegments(db: Db, customerId: string, segments: readonly LoadedSegment[], now = new Date()): Promise<SegmentChanges> {
  return (await evaluateSegmentsOf(db, [customerId], segments, now)).get(customerId) ?? { entered: [], exited: [] };
}

/** How many customers match a definition now, and a sample of them (the editor's live preview). */
export async function previewSegment(db: Db, definition: SegmentGroup, sampleSize = 10, now = new Date()) {
  return await segmentPreviewRows(db, definition, sampleSize, now);
}
