import { desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { apiTokens } from '../authSchema';

export type ApiToken = typeof apiTokens.$inferSelect;

export async function insertApiToken(db: Db, token: Pick<ApiToken, 'id' | 'name' | 'tokenHash' | 'prefix' | 'role' | 'createdBy' | 'expiresAt'>): Promise<ApiToken> {
  return (await db.insert(apiTokens).values(token).returning())[0]!;
}

/** The token with this hash (revoked or expired ones too; the caller judges). */
export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiToken | undefined> {
  return (await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).limit(1))[0];
}

/** Every token, newest first. */
export async function listApiTokens(db: Db): Promise<ApiToken[]> {
  return await db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function markApiTokenUsed(db: Db, id: string, at: string): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

/** Revokes a token; undefined when there is no such token. */
export async function revokeApiToken(db: Db, id: string, at: string = new Date().toISOString()): Promise<ApiToken | undefined> {
  const found = (await db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1))[0];
  if (!found) return undefined;
  if (!found.revokedAt) await db.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id));
  return found;
}
