import { durationMs, referencedSegments, SEGMENT_ENTERED, SEGMENT_EXITED, SegmentGroup, segmentRules } from '@lifecycle/journey';
import {
  addSegmentMember,
  customerExists,
  customerMatchesSegment,
  insertInternalEvent,
  listSegments,
  oldestEngagementSince,
  oldestEventSince,
  recordJourneyGoalEvent,
  removeSegmentMember,
  segmentIdsOf,
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
 * When the customer's result might next change with no new event: the oldest event (or email
 * engagement) inside a window leaves it at its time + the window. Null when no window counts anything.
 */
export async function nextWindowChange(db: Db, customerId: string, segments: readonly LoadedSegment[], now: Date): Promise<string | null> {
  let soonest: number | null = null;
  for (const segment of segments) {
    for (const rule of segmentRules(segment.definition)) {
      if ((rule.kind !== 'event' && rule.kind !== 'email') || !rule.within) continue;
      const windowMs = durationMs(rule.within);
      const from = new Date(now.getTime() - windowMs).toISOString();
      const oldest = rule.kind === 'event' ? await oldestEventSince(db, customerId, rule.event, from) : await oldestEngagementSince(db, customerId, rule.action, from);
      if (oldest === null) continue;
      const due = Date.parse(oldest) + windowMs + 1;
      soonest = soonest === null ? due : Math.min(soonest, due);
    }
  }
  return soonest === null ? null : new Date(soonest).toISOString();
}

async function emit(db: Db, customerId: string, name: string, segment: LoadedSegment, at: string): Promise<void> {
  const id = sortableId('evt');
  await insertInternalEvent(db, { id, messageId: `segment:${id}`, name, customerId, properties: { segmentId: segment.id, segmentName: segment.name }, at });
  // Segment events skip ingest's analytics hook; a journey whose goal is entering or leaving a segment needs them.
  await recordJourneyGoalEvent(db, { customerId, name, properties: { segmentId: segment.id }, timestamp: at });
}

/**
 * Whether the customer matches, or null when the segment cannot be evaluated (saving checks that, but a
 * definition stored before that check existed must not make every event of every customer fail).
 */
async function matchesSafely(db: Db, customerId: string, segment: LoadedSegment, now: Date): Promise<boolean | null> {
  try {
    return await customerMatches(db, customerId, segment.definition, now);
  } catch (error) {
    console.error(`segment ${segment.id} could not be evaluated and was skipped: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/**
 * Re-evaluates one customer's segments (not a rescan of everyone): writes memberships that changed,
 * stores a `segment_entered` / `segment_exited` event for each change and books the next re-check a
 * time window needs. Returns the ids entered and exited.
 */
export async function evaluateCustomerSegments(db: Db, customerId: string, segments: readonly LoadedSegment[], now = new Date()): Promise<{ entered: string[]; exited: string[] }> {
  const at = now.toISOString();
  if (segments.length === 0 || !(await customerExists(db, customerId))) return { entered: [], exited: [] };
  // The sweep re-checks customers one by one: two processes writing one customer's memberships run one after the other.
  await db.lockCustomers([customerId]);
  const current = await segmentIdsOf(db, customerId);
  const entered: string[] = [];
  const exited: string[] = [];
  for (const segment of segments) {
    const matches = await matchesSafely(db, customerId, segment, now);
    if (matches === null) continue;
    if (matches && !current.has(segment.id)) {
      // Written before the next segment is checked, which may refer to this one.
      await addSegmentMember(db, segment.id, customerId, at);
      await emit(db, customerId, SEGMENT_ENTERED, segment, at);
      entered.push(segment.id);
    } else if (!matches && current.has(segment.id)) {
      await removeSegmentMember(db, segment.id, customerId);
      await emit(db, customerId, SEGMENT_EXITED, segment, at);
      exited.push(segment.id);
    }
  }
  await setSegmentRecheck(db, customerId, await nextWindowChange(db, customerId, segments, now));
  return { entered, exited };
}

/** How many customers match a definition now, and a sample of them (the editor's live preview). */
export async function previewSegment(db: Db, definition: SegmentGroup, sampleSize = 10, now = new Date()) {
  return await segmentPreviewRows(db, definition, sampleSize, now);
}
