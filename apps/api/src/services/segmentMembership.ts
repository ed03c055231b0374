import { durationMs, referencedSegments, SEGMENT_ENTERED, SEGMENT_EXITED, SegmentGroup, segmentRules } from '@lifecycle/journey';
import {
  addSegmentMember,
  customerMatchesSegment,
  customersMatchingSegment,
  existingCustomerIds,
  insertInternalEvent,
  listSegments,
  oldestEngagementSince,
  oldestEventSince,
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
export function loadSegments(db: Db): LoadedSegment[] {
  const parsed = listSegments(db).flatMap((segment) => {
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
export function customerMatches(db: Db, customerId: string, definition: SegmentGroup, now: Date): boolean {
  return customerMatchesSegment(db, customerId, definition, now);
}

/**
 * When the customer's result might next change with no new event: the oldest event (or email
 * engagement) inside a window leaves it at its time + the window. Null when no window counts anything.
 */
export function nextWindowChange(db: Db, customerId: string, segments: readonly LoadedSegment[], now: Date): string | null {
  let soonest: number | null = null;
  for (const segment of segments) {
    for (const rule of segmentRules(segment.definition)) {
      if ((rule.kind !== 'event' && rule.kind !== 'email') || !rule.within) continue;
      const windowMs = durationMs(rule.within);
      const from = new Date(now.getTime() - windowMs).toISOString();
      const oldest = rule.kind === 'event' ? oldestEventSince(db, customerId, rule.event, from) : oldestEngagementSince(db, customerId, rule.action, from);
      if (oldest === null) continue;
      const due = Date.parse(oldest) + windowMs + 1;
      soonest = soonest === null ? due : Math.min(soonest, due);
    }
  }
  return soonest === null ? null : new Date(soonest).toISOString();
}

function emit(db: Db, customerId: string, name: string, segment: LoadedSegment, at: string): void {
  const id = sortableId('evt');
  insertInternalEvent(db, { id, messageId: `segment:${id}`, name, customerId, properties: { segmentId: segment.id, segmentName: segment.name }, at });
  // Segment events skip ingest's analytics hook; a journey whose goal is entering or leaving a segment needs them.
  recordJourneyGoalEvent(db, { customerId, name, properties: { segmentId: segment.id }, timestamp: at });
}

/**
 * Which of the customers match, or null when the segment cannot be evaluated (saving checks that, but a definition
 * stored before that check existed must not make every event of every customer fail).
 */
function matchingSafely(db: Db, customerIds: readonly string[], segment: LoadedSegment, now: Date): Set<string> | null {
  try {
    return customersMatchingSegment(db, customerIds, segment.definition, now);
  } catch (error) {
    console.error(`segment ${segment.id} could not be evaluated and was skipped: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

export type SegmentChanges = { entered: string[]; exited: string[] };

/**
 * Re-evaluates these customers' segments (not a rescan of everyone), each segment once for all of them (set-based: a
 * batch of events costs a query per segment, not per segment and customer): writes memberships that changed, stores a
 * `segment_entered` / `segment_exited` event for each change and books each customer's next re-check a time window
 * needs. Segments go in dependency order, and a segment's memberships are written before the next segment (which may
 * refer to it) is checked. Returns each existing customer's changes.
 */
export function evaluateCustomersSegments(db: Db, customerIds: readonly string[], segments: readonly LoadedSegment[], now = new Date()): Map<string, SegmentChanges> {
  const at = now.toISOString();
  const changes = new Map<string, SegmentChanges>();
  if (segments.length === 0 || customerIds.length === 0) return changes;
  const customers = existingCustomerIds(db, [...new Set(customerIds)]);
  if (customers.length === 0) return changes;
  const memberships = segmentIdsOfCustomers(db, customers);
  for (const customerId of customers) changes.set(customerId, { entered: [], exited: [] });
  for (const segment of segments) {
    const matching = matchingSafely(db, customers, segment, now);
    if (matching === null) continue;
    for (const customerId of customers) {
      const member = memberships.get(customerId)?.has(segment.id) ?? false;
      const changed = changes.get(customerId)!;
      if (matching.has(customerId) && !member) {
        addSegmentMember(db, segment.id, customerId, at);
        emit(db, customerId, SEGMENT_ENTERED, segment, at);
        changed.entered.push(segment.id);
      } else if (!matching.has(customerId) && member) {
        removeSegmentMember(db, segment.id, customerId);
        emit(db, customerId, SEGMENT_EXITED, segment, at);
        changed.exited.push(segment.id);
      }
    }
  }
  for (const customerId of customers) setSegmentRecheck(db, customerId, nextWindowChange(db, customerId, segments, now));
  return changes;
}

/** One customer's segments re-evaluated (see `evaluateCustomersSegments`). */
export function evaluateCustomerSegments(db: Db, customerId: string, segments: readonly LoadedSegment[], now = new Date()): SegmentChanges {
  return evaluateCustomersSegments(db, [customerId], segments, now).get(customerId) ?? { entered: [], exited: [] };
}

/** How many customers match a definition now, and a sample of them (the editor's live preview). */
export function previewSegment(db: Db, definition: SegmentGroup, sampleSize = 10, now = new Date()) {
  return segmentPreviewRows(db, definition, sampleSize, now);
}
