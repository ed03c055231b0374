import { durationMs, segmentRules, type SegmentGroup } from '@lifecycle/journey';
import type { Db } from '../client';
import { preparedText } from '../preparedPerDb';
import { segmentCondition } from './conditionSql';

/** The segment ids the customer is a member of. */
export async function segmentIdsOf(db: Db, customerId: string): Promise<Set<string>> {
  return new Set((await (preparedText(db, 'select segment_id from segment_memberships where customer_id = ?')).pluck().all<string>(customerId)));
}

/** Whether a customer with this id exists. */
export async function customerExists(db: Db, customerId: string): Promise<boolean> {
  return (await (preparedText(db, 'select 1 from customers where id = ?')).get(customerId)) !== undefined;
}

/** Makes the customer a member of the segment from `at` (a member already keeps their entry time). */
export async function addSegmentMember(db: Db, segmentId: string, customerId: string, at: string): Promise<void> {
  await (preparedText(db, 'insert into segment_memberships (segment_id, customer_id, entered_at) values (?, ?, ?) on conflict do nothing')).run(segmentId, customerId, at);
}

/** Ends the customer's membership of the segment. */
export async function removeSegmentMember(db: Db, segmentId: string, customerId: string): Promise<void> {
  await (preparedText(db, 'delete from segment_memberships where segment_id = ? and customer_id = ?')).run(segmentId, customerId);
}

/** Stores an internal event (segment entered/exited) as ingest would, already received. */
export async function insertInternalEvent(db: Db, event: { id: string; messageId: string; name: string; customerId: string; properties: Record<string, unknown>; at: string }): Promise<void> {
  await (preparedText(db, `insert into events (id, message_id, type, name, customer_id, properties, timestamp, received_at) values (?, ?, 'internal', ?, ?, ?, ?, ?)`)).run(
    event.id, event.messageId, event.name, event.customerId, JSON.stringify(event.properties), event.at, event.at,
  );
}

/** Books (or clears, with null) when the customer's segments must be checked again with no new event. */
export async function setSegmentRecheck(db: Db, customerId: string, dueAt: string | null): Promise<void> {
  if (dueAt === null) await (preparedText(db, 'delete from segment_rechecks where customer_id = ?')).run(customerId);
  else await (preparedText(db, 'insert into segment_rechecks (customer_id, due_at) values (?, ?) on conflict(customer_id) do update set due_at = excluded.due_at')).run(customerId, dueAt);
}

/** The oldest time at or after `from` the customer did `event` (track or internal), or null. */
export async function oldestEventSince(db: Db, customerId: string, event: string, from: string): Promise<string | null> {
  const oldest = await (preparedText(db, `select min(timestamp) from events where customer_id = ? and name = ? and type in ('track', 'internal') and timestamp >= ?`)).pluck().get(customerId, event, from);
  return typeof oldest === 'string' ? oldest : null;
}

/** The oldest open or click of the customer's emails at or after `from`, or null. */
export async function oldestEngagementSince(db: Db, customerId: string, action: 'opened' | 'clicked', from: string): Promise<string | null> {
  const column = action === 'opened' ? 'opened_at' : 'clicked_at';
  const oldest = await (preparedText(db, `select min(${column}) from deliveries where customer_id = ? and ${column} >= ?`)).pluck().get(customerId, from);
  return typeof oldest === 'string' ? oldest : null;
}

/** How many customers match a definition now, and the first `sampleSize` of them by id. */
export async function segmentPreviewRows(db: Db, definition: SegmentGroup, sampleSize: number, now: Date) {
  const condition = segmentCondition(definition, now, db.dialect);
  const size = (await db.prepare(`select count(*) from customers c where ${condition.text}`).pluck().get(...condition.params)) as number;
  const sample = (await db
    .prepare(`select c.id, c.email, c.lifecycle_stage as lifecycleStage from customers c where ${condition.text} order by c.id limit ?`)
    .all<{ id: string; email: string | null; lifecycleStage: string | null }>(...condition.params, sampleSize));
  return { size, sample };
}

/**
 * Brings a segment's memberships up to date for everyone in two set-based statements (no per-customer loop), and
 * queues customers with events inside a window for a re-check. Runs in the caller's transaction.
 */
export async function refillSegmentMembers(db: Db, segmentId: string, definition: SegmentGroup, now: Date): Promise<void> {
  const condition = segmentCondition(definition, now, db.dialect);
  const at = now.toISOString();
  await db.prepare(`delete from segment_memberships where segment_id = ? and customer_id not in (select c.id from customers c where ${condition.text})`).run(segmentId, ...condition.params);
  await db.prepare(`insert into segment_memberships (segment_id, customer_id, entered_at) select ?, c.id, ? from customers c where ${condition.text} on conflict do nothing`).run(segmentId, at, ...condition.params);
  for (const rule of segmentRules(definition)) {
    if (rule.kind !== 'event' || !rule.within) continue;
    await db
      .prepare(`insert into segment_rechecks (customer_id, due_at) select distinct customer_id, ? from events where name = ? and timestamp >= ? and customer_id is not null on conflict(customer_id) do update set due_at = min(segment_rechecks.due_at, excluded.due_at)`)
      .run(at, rule.event, new Date(now.getTime() - durationMs(rule.within)).toISOString());
  }
}

/** Runs a definition's SQL on one row: throws when the database cannot evaluate it. */
export async function tryEvaluateSegment(db: Db, definition: SegmentGroup, now: Date): Promise<void> {
  const condition = segmentCondition(definition, now, db.dialect);
  await db.prepare(`select c.id from customers c where ${condition.text} limit 1`).get(...condition.params);
}

/** Distinct event names, most recently received first (at most 200): the editor's event catalogue. */
export async function recentEventNames(db: Db): Promise<string[]> {
  return (await (preparedText(db, `SELECT name FROM events WHERE name IS NOT NULL AND name <> '' GROUP BY name ORDER BY MAX(received_at) DESC LIMIT 200`)).pluck().all<string>());
}

/** Throws when the database cannot answer a trivial query (the health check). */
export async function pingDatabase(db: Db): Promise<void> {
  await (preparedText(db, 'select 1')).get();
}
