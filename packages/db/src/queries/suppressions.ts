import { randomBytes } from 'node:crypto';
import type { Db } from '../client';
import type { Suppression, SuppressionSource } from '../suppressionSchema';

const columns = `id, address, reason, source, detail, created_at as createdAt, created_by as createdBy, removed_at as removedAt, removed_by as removedBy`;

/** The form every suppression is stored and looked up by: trimmed, lower-case. */
export function normalizeAddress(email: string): string {
  return email.trim().toLowerCase();
}

let lastMs = 0;
let seq = 0;

/** `sup_<time><seq><random>`: later suppressions (of this process) sort later, so the list pages by id. */
function suppressionId(): string {
  const now = Date.now();
  seq = now > lastMs ? 0 : seq + 1;
  lastMs = Math.max(lastMs, now);
  return `sup_${lastMs.toString(36).padStart(9, '0')}${seq.toString(36).padStart(4, '0')}${randomBytes(6).toString('hex')}`;
}

/** What suppressing an address records. */
export type NewSuppression = { address: string; reason: string; source: SuppressionSource; detail?: string | null; createdBy: string };

/** The active suppression of an address (any case), or undefined. */
export async function activeSuppressionOf(db: Db, address: string): Promise<Suppression | undefined> {
  return await db
    .prepare(`select ${columns} from suppressions where address = ? and removed_at is null`)
    .get<Suppression>(normalizeAddress(address));
}

/** Inside a write transaction: adds the suppression unless the address already has one, and flags its customers. */
export async function suppressAddressInTransaction(db: Db, input: NewSuppression): Promise<{ suppression: Suppression; created: boolean }> {
  const address = normalizeAddress(input.address);
  const existing = await activeSuppressionOf(db, address);
  if (existing) return { suppression: existing, created: false };
  const id = suppressionId();
  await db
    .prepare(`insert into suppressions (id, address, reason, source, detail, created_by) values (?, ?, ?, ?, ?, ?)`)
    .run(id, address, input.reason, input.source, input.detail ?? null, input.createdBy);
  // lower(email) is indexed (0034): every customer with this address, whatever its case, is flagged for the send path.
  await db
    .prepare(
      `update customers set suppressed = true, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where lower(email) = ? and suppressed = false`,
    )
    .run(address);
  await db.prepare(`delete from soft_bounces where address = ?`).run(address);
  return { suppression: (await activeSuppressionOf(db, address)) as Suppression, created: true };
}

/** Suppresses an address (a no-op answering the existing row when it already is); `created` tells which. */
export async function suppressAddress(db: Db, input: NewSuppression): Promise<{ suppression: Suppression; created: boolean }> {
  return await db.transaction(async () => await suppressAddressInTransaction(db, input));
}

/**
 * Lifts an active suppression: the row stays, stamped with who removed it; the address's customers are mailable again
 * (their flag cleared) and its soft failures forgotten. The removed row, or undefined when there is no active one.
 */
export async function removeSuppression(db: Db, id: string, removedBy: string): Promise<Suppression | undefined> {
  return await db.transaction(async () => {
    const changed = (await db
      .prepare(
        `update suppressions set removed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), removed_by = ? where id = ? and removed_at is null`,
      )
      .run(removedBy, id)).changes;
    if (changed === 0) return undefined;
    const removed = (await db.prepare(`select ${columns} from suppressions where id = ?`).get(id)) as Suppression;
    await db
      .prepare(
        `update customers set suppressed = false, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where lower(email) = ? and suppressed = true`,
      )
      .run(removed.address);
    await db.prepare(`delete from soft_bounces where address = ?`).run(removed.address);
    return removed;
  });
}

/** One suppression by id (active or removed), or undefined. */
export async function findSuppression(db: Db, id: string): Promise<Suppression | undefined> {
  return await db.prepare(`select ${columns} from suppressions where id = ?`).get<Suppression>(id);
}

/** What the list is asked for: an address fragment, removed ones too or not, a page after `cursor`. */
export type SuppressionListQuery = { search?: string; includeRemoved: boolean; limit: number; cursor?: string };

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

/** A page of suppressions, newest first, with how many match in all; `nextCursor` is null on the last page. */
export async function listSuppressions(
  db: Db,
  query: SuppressionListQuery,
): Promise<{ suppressions: Suppression[]; total: number; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!query.includeRemoved) where.push('removed_at is null');
  if (query.search) {
    where.push(`address like ? escape '\\'`);
    params.push(`%${escapeLike(normalizeAddress(query.search))}%`);
  }
  const filter = where.length > 0 ? `where ${where.join(' and ')}` : '';
  const total = ((await db.prepare(`select count(*) as n from suppressions ${filter}`).get(...params)) as { n: number }).n;
  const page = query.cursor ? `${filter ? `${filter} and` : 'where'} id < ?` : filter;
  const rows = await db
    .prepare(`select ${columns} from suppressions ${page} order by id desc limit ?`)
    .all<Suppression>(...params, ...(query.cursor ? [query.cursor] : []), query.limit + 1);
  const suppressions = rows.slice(0, query.limit);
  return { suppressions, total, nextCursor: rows.length > query.limit ? (suppressions.at(-1)?.id ?? null) : null };
}
