import type { Context } from 'hono';
import { findApiTokenByHash, findSession, markApiTokenUsed } from '@lifecycle/db';
import type { AppEnv } from '../appContext';
import { HttpError } from '../errors';
import type { Principal } from './principal';
import { sessionIdOf, slideSession } from './sessionCookie';
import { sha256 } from './secrets';

const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message);

async function byToken(c: Context<AppEnv>, token: string): Promise<Principal> {
  const { db } = c.var.deps;
  const found = await findApiTokenByHash(db, sha256(token));
  const now = new Date().toISOString();
  if (!found || found.revokedAt || (found.expiresAt && found.expiresAt <= now)) throw unauthorized('the API token is unknown, revoked or expired');
  await markApiTokenUsed(db, found.id, now);
  return { kind: 'token', role: found.role, token: found };
}

async function bySession(c: Context<AppEnv>, sessionId: string): Promise<Principal> {
  const { db } = c.var.deps;
  const found = await findSession(db, sha256(sessionId));
  if (!found || found.session.expiresAt <= new Date().toISOString() || found.user.disabled) throw unauthorized('the session has ended; sign in again');
  await slideSession(c, db, sessionId, found.session.lastSeenAt);
  return { kind: 'session', role: found.user.role, user: found.user, session: found.session, sessionId };
}

/**
 * The caller of a management route: `Authorization: Bearer <API token>`, else the session cookie.
 * Any other Authorization (a write key over Basic) is refused: write keys only ingest.
 */
export async function authenticate(c: Context<AppEnv>): Promise<Principal> {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!bearer?.[1]) throw unauthorized('management routes take an API token (Authorization: Bearer) or a session; write keys only send events to /v1');
    return await byToken(c, bearer[1]);
  }
  const sessionId = sessionIdOf(c);
  if (!sessionId) throw unauthorized('sign in or send an API token');
  return await bySession(c, sessionId);
}
