import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { deleteSession, insertSession, touchSession, type Db, type User } from '@lifecycle/db';
import type { AppEnv } from '../appContext';
import { randomSecret, sha256 } from './secrets';

export const SESSION_COOKIE = 'lifecycle_session';
export const SESSION_DAYS = 7;
const sessionMs = SESSION_DAYS * 24 * 3600 * 1000;
/** A session's expiry is pushed forward at most this often, so reads do not write on every request. */
const slideEveryMs = 60 * 60 * 1000;

function writeCookie(c: Context<AppEnv>, sessionId: string): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.deps.config.publicUrl.startsWith('https:'),
    path: '/',
    maxAge: sessionMs / 1000,
  });
}

/** The session id the browser sent, if any. */
export function sessionIdOf(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Starts a session for `user`, sets its cookie and returns its CSRF token. */
export async function startSession(c: Context<AppEnv>, db: Db, user: User): Promise<{ csrfToken: string }> {
  const sessionId = randomSecret();
  const csrfToken = randomSecret();
  await insertSession(db, { idHash: sha256(sessionId), userId: user.id, csrfToken, expiresAt: new Date(Date.now() + sessionMs).toISOString() });
  writeCookie(c, sessionId);
  return { csrfToken };
}

/** Seven days from the last use: extends the stored expiry and the cookie's, at most once an hour. */
export async function slideSession(c: Context<AppEnv>, db: Db, sessionId: string, lastSeenAt: string): Promise<void> {
  const now = Date.now();
  if (now - Date.parse(lastSeenAt) < slideEveryMs) return;
  await touchSession(db, sha256(sessionId), new Date(now).toISOString(), new Date(now + sessionMs).toISOString());
  writeCookie(c, sessionId);
}

/** Ends the session and clears its cookie. */
export async function endSession(c: Context<AppEnv>, db: Db, sessionId: string): Promise<void> {
  await deleteSession(db, sha256(sessionId));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
