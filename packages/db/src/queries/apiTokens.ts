import { desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { apiTokens } from '../authSchema';

export type ApiToken = typeof apiTokens.$inferSelect;

export function insertApiToken(db: Db, token: Pick<ApiToken, 'id' | 'name' | 'tokenHash' | 'prefix' | 'role' | 'createdBy' | 'expiresAt'>): ApiToken {
  return db.insert(apiTokens).values(token).returning().get();
}

/** The token with this hash (revoked or expired ones too; the caller judges). */
export function findApiTokenByHash(db: Db, tokenHash: string): ApiToken | undefined {
  return db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).get();
}

/** Every token, newest first. */
export function listApiTokens(db: Db): ApiToken[] {
  return db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id)).all();
}

export function markApiTokenUsed(db: Db, id: string, at: string): void {
  db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id)).run();
}

/** Revokes a token; undefined when there is no such token. */
export function revokeApiToken(db: Db, id: string, at: string = new Date().toISOString()): ApiToken | undefined {
  const found = db.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
  if (!found) return undefined;
  if (!found.revokedAt) db.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id)).run();
  return found;
}
