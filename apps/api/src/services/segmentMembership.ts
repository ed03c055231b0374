import { durationMs, referencedSegments, SEGMENT_ENTERED, SEGMENT_EXITED, SegmentGroup, segmentRules } from '@lifecycle/journey';
import { customerMatchesSegment, listSegments, recordJourneyGoalEvent, type Db } from '@lifecycle/db';
import { sortableId } from '../sortableId';
type Statement = import('better-sqlite3').Statement<unknown[]>;
import { segmentCondition } from './segmentSql';

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

const statements = new WeakMap<Db, Map<string, Statement>>();

/** Prepared statements by SQL text (a segment's SQL is the same from event to event, only the window bounds change). */
function prepare(db: Db, text: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = db.$client.prepare(text)));
  return statement;
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
      const oldest =
        rule.kind === 'event'
          ? prepare(db, `select min(timestamp) from events where customer_id = ? and name = ? and type in ('track', 'internal') and timestamp >= ?`).pluck().get(customerId, rule.event, from)
          : prepare(db, `select min(${rule.action}_at) from deliveries where customer_id = ? and ${rule.action}_at >= ?`).pluck().get(customerId, from);
      if (typeof oldest !== 'string') continue;
      const due = Date.parse(oldest) + windowMs + 1;
      soonest = soonest === null ? due : Math.min(soonest, due);
    }
  }
  return soonest === null ? null : new Date(soonest).toISOString();
}

function emit(db: Db, customerId: string, name: string, segment: LoadedSegment, at: string): void {
  const id = sortableId('evt');
  prepare(db, `insert into events (id, message_id, type, name, customer_id, properties, timestamp, received_at) values (?, ?, 'internal', ?, ?, ?, ?, ?)`).run(
    id, `segment:${id}`, name, customerId, JSON.stringify({ segmentId: segment.id, segmentName: segment.name }), at, at,
  );
  // Segment events skip ingest's analytics hook; a journey whose goal is entering or leaving a segment needs them.
  recordJourneyGoalEvent(db, { customerId, name, properties: { segmentId: segment.id }, timestamp: at });
}

function setRecheck(db: Db, customerId: string, dueAt: string | null): void {
  if (dueAt === null) prepare(db, 'delete from segment_rechecks where customer_id = ?').run(customerId);
  else prepare(db, 'insert into segment_rechecks (customer_id, due_at) values (?, ?) on conflict(customer_id) do update set due_at = excluded.due_at').run(customerId, dueAt);
}

/**
 * Whether the customer matches, or null when the segment cannot be evaluated (saving checks that, but a
 * definition stored before that check existed must not make every event of every customer fail).
 */
function matchesSafely(db: Db, customerId: string, segment: LoadedSegment, now: Date): boolean | null {
  try {
    return customerMatches(db, customerId, segment.definition, now);
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
export function evaluateCustomerSegments(db: Db, customerId: string, segments: readonly LoadedSegment[], now = new Date()): { entered: string[]; exited: string[] } {
  const at = now.toISOString();
  const exists = prepare(db, 'select 1 from customers where id = ?').get(customerId) !== undefined;
  if (!exists || segments.length === 0) return { entered: [], exited: [] };
  const current = new Set(prepare(db, 'select segment_id from segment_memberships where customer_id = ?').pluck().all(customerId) as string[]);
  const entered: string[] = [];
  const exited: string[] = [];
  for (const segment of segments) {
    const matches = matchesSafely(db, customerId, segment, now);
    if (matches === null) continue;
    if (matches && !current.has(segment.id)) {
      // Written before the next segment is checked, which may refer to this one.
      prepare(db, 'insert into segment_memberships (segment_id, customer_id, entered_at) values (?, ?, ?) on conflict do nothing').run(segment.id, customerId, at);
      emit(db, customerId, SEGMENT_ENTERED, segment, at);
      entered.push(segment.id);
    } else if (!matches && current.has(segment.id)) {
      prepare(db, 'delete from segment_memberships where segment_id = ? and customer_id = ?').run(segment.id, customerId);
      emit(db, customerId, SEGMENT_EXITED, segment, at);
      exited.push(segment.id);
    }
  }
  setRecheck(db, customerId, nextWindowChange(db, customerId, segments, now));
  return { entered, exited };
}

/** How many customers match a definition now, and a sample of them (the editor's live preview). */
export function previewSegment(db: Db, definition: SegmentGroup, sampleSize = 10, now = new Date()) {
  const condition = segmentCondition(definition, now);
  const size = db.$client.prepare(`select count(*) from customers c where ${condition.text}`).pluck().get(...condition.params) as number;
  const sample = db.$client
    .prepare(`select c.id, c.email, c.lifecycle_stage as lifecycleStage from customers c where ${condition.text} order by c.id limit ?`)
    .all(...condition.params, sampleSize) as { id: string; email: string | null; lifecycleStage: string | null }[];
  return { size, sample };
}
