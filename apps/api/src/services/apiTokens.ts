import { randomBytes, randomUUID } from 'node:crypto';
import { insertApiToken, listApiTokens, revokeApiToken, type ApiToken, type Db } from '@lifecycle/db';
import { z } from 'zod';
import { atLeast, Role } from '../auth/roles';
import { sha256 } from '../auth/secrets';
import { HttpError, notFound } from '../errors';

/** POST /api/tokens. */
export const NewApiToken = z.object({
  name: z.string().max(200).trim().min(1),
  role: Role,
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
});
export type NewApiToken = z.infer<typeof NewApiToken>;

/** A token as listed: never the token or its hash. */
export function publicToken(token: ApiToken) {
  const { tokenHash: _hash, ...shown } = token;
  return shown;
}

/** Creates a token no stronger than its creator; the plain `lc_…` token is in this answer only. */
export async function createApiToken(db: Db, input: NewApiToken, creator: { userId: string; role: Role }) {
  if (!atLeast(creator.role, input.role)) throw new HttpError(403, 'forbidden', `you cannot create a token stronger than your own role (${creator.role})`);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null;
  if (expiresAt && expiresAt <= new Date().toISOString()) {
    throw new HttpError(400, 'invalid_request', 'expiresAt: must be in the future', { issues: [{ path: 'expiresAt', message: 'must be in the future' }] });
  }
  const token = `lc_${randomBytes(32).toString('base64url')}`;
  const row = await insertApiToken(db, { id: `tok_${randomUUID()}`, name: input.name, tokenHash: sha256(token), prefix: token.slice(0, 8), role: input.role, createdBy: creator.userId, expiresAt });
  return { ...publicToken(row), token };
}

export async function listAll(db: Db) {
  return (await listApiTokens(db)).map(publicToken);
}

export async function revoke(db: Db, id: string): Promise<ApiToken> {
  const token = await revokeApiToken(db, id);
  if (!token) throw notFound('API token', id);
  return token;
}
