import type { Db } from '../client';
import { sqliteJsonPath } from './jsonPath';

/*
 * Who a scheduled or date-trait journey enters, read in pages (keyset on the customer id) or set-based where every
 * customer of a time zone shares one occurrence. `segmentId` narrows the audience to a segment's members.
 */

export type AudienceFilter = { segmentId?: string | undefined };
export type AudienceCustomer = { id: string; traits: Record<string, unknown> };

function from(filter: AudienceFilter): { sql: string; params: unknown[] } {
  return filter.segmentId === undefined
    ? { sql: 'customers c', params: [] }
    : { sql: 'customers c JOIN segment_memberships m ON m.customer_id = c.id AND m.segment_id = ?', params: [filter.segmentId] };
}

/** One page of the audience after `afterId`, with traits (only those holding `trait`, when given). */
export async function audiencePage(db: Db, filter: AudienceFilter & { trait?: string }, afterId: string, limit: number): Promise<AudienceCustomer[]> {
  const source = from(filter);
  const traitFilter = filter.trait === undefined ? '' : ` AND json_extract(c.traits, ?) IS NOT NULL`;
  const traitParams = filter.trait === undefined ? [] : [sqliteJsonPath(filter.trait)];
  const rows = (await db
    .prepare(`SELECT c.id AS id, c.traits AS traits FROM ${source.sql} WHERE c.id > ?${traitFilter} ORDER BY c.id LIMIT ?`)
    .all<{ id: string; traits: string }>(...source.params, afterId, ...traitParams, limit));
  return rows.map((row) => ({ id: row.id, traits: JSON.parse(row.traits) as Record<string, unknown> }));
}

/** The distinct raw `timezone` trait values of the audience (null for none), at most `limit` + 1 of them. */
export async function audienceTimeZoneValues(db: Db, filter: AudienceFilter, limit: number): Promise<unknown[]> {
  const source = from(filter);
  return ((await db.prepare(`SELECT DISTINCT json_extract(c.traits, '$.timezone') AS zone FROM ${source.sql} LIMIT ?`).all<{ zone: unknown }>(...source.params, limit + 1))).map((row) => row.zone);
}

/**
 * Schedules, in one statement, every audience member whose raw `timezone` trait is `zoneValue` (every member when
 * `zoneValue` is `'*'`) for one occurrence (null: none). Returns how many rows it wrote.
 */
export async function scheduleAudienceZone(db: Db, filter: AudienceFilter, zoneValue: unknown, row: { journeyId: string; versionId: string; dueAt: string | null }): Promise<number> {
  const source = from(filter);
  // `WHERE true`: SQLite reads `FROM … ON CONFLICT` as a join constraint unless the SELECT has a WHERE. `IS NOT
  // DISTINCT FROM`: SQLite's `IS` against a value, which Postgres spells only this way (SQLite reads both alike).
  const zoneFilter = zoneValue === '*' ? ' WHERE true' : ` WHERE json_extract(c.traits, '$.timezone') IS NOT DISTINCT FROM ?`;
  const zoneParams = zoneValue === '*' ? [] : [zoneValue];
  return (await db
    .prepare(
      `INSERT INTO entry_schedule (journey_id, customer_id, version_id, due_at, occurrence) SELECT ?, c.id, ?, ?, ? FROM ${source.sql}${zoneFilter}
       ON CONFLICT (journey_id, customer_id) DO UPDATE SET version_id = excluded.version_id, due_at = excluded.due_at, occurrence = excluded.occurrence`,
    )
    .run(row.journeyId, row.versionId, row.dueAt, row.dueAt, ...source.params, ...zoneParams)).changes;
}

/** Segment members with no row for the journey yet (they joined after it was scheduled), at most `limit`. */
export async function unscheduledSegmentMembers(db: Db, journeyId: string, segmentId: string, limit: number): Promise<AudienceCustomer[]> {
  const rows = (await db
    .prepare(
      `SELECT c.id AS id, c.traits AS traits FROM segment_memberships m JOIN customers c ON c.id = m.customer_id
       WHERE m.segment_id = ? AND NOT EXISTS (SELECT 1 FROM entry_schedule s WHERE s.journey_id = ? AND s.customer_id = m.customer_id) LIMIT ?`,
    )
    .all<{ id: string; traits: string }>(segmentId, journeyId, limit));
  return rows.map((row) => ({ id: row.id, traits: JSON.parse(row.traits) as Record<string, unknown> }));
}

/** Whether a customer is in a segment now. */
export async function isSegmentMember(db: Db, segmentId: string, customerId: string): Promise<boolean> {
  return (await db.prepare(`SELECT 1 FROM segment_memberships WHERE segment_id = ? AND customer_id = ?`).get(segmentId, customerId)) !== undefined;
}
