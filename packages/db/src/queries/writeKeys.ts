import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { writeKeys } from '../schema';

export type WriteKey = typeof writeKeys.$inferSelect;

/** Stores a write key by its hash; the plain key is never stored. */
export async function insertWriteKey(db: Db, key: { id: string; name: string; keyHash: string; prefix: string }): Promise<WriteKey> {
  return (await db.insert(writeKeys).values(key).returning())[0]!;
}

/** The key with this hash, revoked or not. */
export async function findWriteKeyByHash(db: Db, keyHash: string): Promise<WriteKey | undefined> {
  return (await db.select().from(writeKeys).where(eq(writeKeys.keyHash, keyHash)).limit(1))[0];
}

/** The key with this hash if it has not been revoked. */
export async function findActiveWriteKey(db: Db, keyHash: string): Promise<WriteKey | undefined> {
  return (await db
    .select()
    .from(writeKeys)
    .where(and(eq(writeKeys.keyHash, keyHash), isNull(writeKeys.revokedAt))).limit(1))[0];
}

/** Every key, newest first. */
export async function listWriteKeys(db: Db): Promise<WriteKey[]> {
  return await db.select().from(writeKeys).orderBy(desc(writeKeys.createdAt));
}

/** Revokes a key; false when there is no such key. */
export async function revokeWriteKey(db: Db, id: string, at: string = new Date().toISOString()): Promise<boolean> {
  const found = (await db.select({ id: writeKeys.id }).from(writeKeys).where(eq(writeKeys.id, id)).limit(1))[0];
  if (!found) return false;
  await db.update(writeKeys).set({ revokedAt: at }).where(and(eq(writeKeys.id, id), isNull(writeKeys.revokedAt)));
  return true;
}
