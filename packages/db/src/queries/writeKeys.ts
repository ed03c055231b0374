import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { writeKeys } from '../schema';

export type WriteKey = typeof writeKeys.$inferSelect;

/** Stores a write key by its hash; the plain key is never stored. */
export function insertWriteKey(db: Db, key: { id: string; name: string; keyHash: string; prefix: string }): WriteKey {
  return db.insert(writeKeys).values(key).returning().get();
}

/** The key with this hash, revoked or not. */
export function findWriteKeyByHash(db: Db, keyHash: string): WriteKey | undefined {
  return db.select().from(writeKeys).where(eq(writeKeys.keyHash, keyHash)).get();
}

/** The key with this hash if it has not been revoked. */
export function findActiveWriteKey(db: Db, keyHash: string): WriteKey | undefined {
  return db
    .select()
    .from(writeKeys)
    .where(and(eq(writeKeys.keyHash, keyHash), isNull(writeKeys.revokedAt)))
    .get();
}

/** Every key, newest first. */
export function listWriteKeys(db: Db): WriteKey[] {
  return db.select().from(writeKeys).orderBy(desc(writeKeys.createdAt)).all();
}

/** Revokes a key; false when there is no such key. */
export function revokeWriteKey(db: Db, id: string, at: string = new Date().toISOString()): boolean {
  const found = db.select({ id: writeKeys.id }).from(writeKeys).where(eq(writeKeys.id, id)).get();
  if (!found) return false;
  db.update(writeKeys).set({ revokedAt: at }).where(and(eq(writeKeys.id, id), isNull(writeKeys.revokedAt))).run();
  return true;
}
