import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { findActiveWriteKey, findWriteKeyByHash, insertWriteKey, isUniqueViolation, listWriteKeys, revokeWriteKey, type Db } from '@lifecycle/db';
import { HttpError, notFound } from '../errors';

/** The SHA-256 (hex) a write key is stored and looked up by. */
export function hashWriteKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

async function store(db: Db, name: string, key: string) {
  const row = await insertWriteKey(db, { id: `wk_${randomUUID()}`, name, keyHash: hashWriteKey(key), prefix: key.slice(0, 8) });
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt };
}

/** Creates a key; the plain key is in this answer only. */
export async function createWriteKey(db: Db, name: string) {
  const key = `lk_${randomBytes(24).toString('base64url')}`;
  return { ...await store(db, name, key), key };
}

/**
 * Makes sure a key with this value exists (the WRITE_KEY of start scripts and tests). Several processes starting at
 * once on one database may all find it missing: the ones whose insert meets the key another just stored carry on.
 */
export async function ensureWriteKey(db: Db, key: string, name = 'bootstrap'): Promise<void> {
  if (await findWriteKeyByHash(db, hashWriteKey(key))) return;
  try {
    await store(db, name, key);
  } catch (error) {
    if (!isUniqueViolation(error) || !(await findWriteKeyByHash(db, hashWriteKey(key)))) throw error;
  }
}

/** Keys without their secrets. */
export async function listKeys(db: Db) {
  return (await listWriteKeys(db)).map(({ keyHash: _hash, ...key }) => key);
}

export async function revokeKey(db: Db, id: string): Promise<void> {
  if (!(await revokeWriteKey(db, id))) throw notFound('write key', id);
}

/** The id of the active key `key`; 401 `invalid_write_key` for a missing, unknown or revoked one. */
export async function authenticateWriteKey(db: Db, key: string | undefined): Promise<string> {
  const found = key ? await findActiveWriteKey(db, hashWriteKey(key)) : undefined;
  if (!found) {
    const message = key ? 'the write key is unknown or revoked' : 'send the write key as the HTTP Basic username';
    throw new HttpError(401, 'invalid_write_key', message);
  }
  return found.id;
}

/** The username of an HTTP Basic `Authorization` header (Segment sends the write key there). */
export function basicUsername(header: string | undefined): string | undefined {
  const match = header?.match(/^Basic\s+(\S+)$/i);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const user = decoded.split(':')[0];
  return user ? user : undefined;
}
