import type { SegmentGroup } from '@lifecycle/journey';
import type { Db } from '../client';
import { preparedText } from '../preparedPerDb';
import { segmentCondition } from './conditionSql';

// The per-customer queries of segment re-evaluation (segmentRows.ts) for a set of customers at once: ingest
// re-evaluates every customer a batch touched, and one query per segment for all of them costs a fraction of one per
// customer (bench/ingestVsRaw.ts). Ids are bound as one JSON array, so each statement has one text whatever the count.

/** Ids per statement: the JSON array is read row by row, and a statement holds the write lock while it runs. */
const CHUNK = 500;

async function byChunks<T>(ids: Iterable<string>, read: (json: string) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const rows: T[] = [];
  for (let start = 0; start < unique.length; start += CHUNK) rows.push(...(await read(JSON.stringify(unique.slice(start, start + CHUNK)))));
  return rows;
}

// cast: Postgres has json_each(json) of its own beside the SQLite-like json_each(text) of migration 0018.
const IDS = '(select value from json_each(cast(? as text)))';

/** Which of these customers exist. */
export async function existingCustomers(db: Db, ids: Iterable<string>): Promise<Set<string>> {
  return new Set(await byChunks(ids, (json) => preparedText(db, `select id from customers where id in ${IDS}`).pluck().all<string>(json)));
}

/** Each customer's segment ids (customers in no segment are absent). */
export async function segmentIdsOfCustomers(db: Db, ids: Iterable<string>): Promise<Map<string, Set<string>>> {
  const rows = await byChunks(ids, (json) =>
    preparedText(db, `select customer_id as "customerId", segment_id as "segmentId" from segment_memberships where customer_id in ${IDS}`).all<{ customerId: string; segmentId: string }>(json),
  );
  const memberships = new Map<string, Set<string>>();
  for (const row of rows) memberships.set(row.customerId, (memberships.get(row.customerId) ?? new Set()).add(row.segmentId));
  return memberships;
}

/** Which of these customers match a segment definition now. */
export async function customersMatchingSegment(db: Db, ids: Iterable<string>, definition: SegmentGroup, now: Date): Promise<Set<string>> {
  const condition = segmentCondition(definition, now, db.dialect);
  return new Set(
    await byChunks(ids, (json) => preparedText(db, `select c.id from customers c where c.id in ${IDS} and ${condition.text}`).pluck().all<string>(json, ...condition.params)),
  );
}

/** For each of these customers who did `event` (track or internal) at or after `from`: the oldest such time. */
export async function oldestEventsSince(db: Db, ids: Iterable<string>, event: string, from: string): Promise<Map<string, string>> {
  const rows = await byChunks(ids, (json) =>
    preparedText(
      db,
      `select customer_id as "customerId", min(timestamp) as "oldest" from events where customer_id in ${IDS} and name = ? and type in ('track', 'internal') and timestamp >= ? group by customer_id`,
    ).all<{ customerId: string; oldest: string }>(json, event, from),
  );
  return new Map(rows.map((row) => [row.customerId, row.oldest]));
}

/** For each of these customers who opened (or clicked) an email at or after `from`: the oldest such time. */
export async function oldestEngagementsSince(db: Db, ids: Iterable<string>, action: 'opened' | 'clicked', from: string): Promise<Map<string, string>> {
  const column = action === 'opened' ? 'opened_at' : 'clicked_at';
  const rows = await byChunks(ids, (json) =>
    preparedText(
      db,
      `select customer_id as "customerId", min(${column}) as "oldest" from deliveries where customer_id in ${IDS} and ${column} >= ? group by customer_id`,
    ).all<{ customerId: string; oldest: string }>(json, from),
  );
  return new Map(rows.map((row) => [row.customerId, row.oldest]));
}
