import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../client';
import { sessions, users } from '../authSchema';
import type { User } from './users';

export type Session = typeof sessions.$inferSelect;

export async function insertSession(db: Db, session: { idHash: string; userId: string; csrfToken: string; expiresAt: string }): Promise<Session> {
  return (await db.insert(sessions).values(session).returning())[0]!;
}

/** The session with this id hash and its user, or undefined; expiry is the caller's to judge. */
export async function findSession(db: Db, idHash: string): Promise<{ session: Session; user: User } | undefined> {
  return (await db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.idHash, idHash)).limit(1))[0];
}

/** Slides a session's expiry. */
export async function touchSession(db: Db, idHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** Signs a user out everywhere, except the session `keepIdHash` when given. */
export async function deleteSessionsOfUser(db: Db, userId: string, keepIdHash?: string): Promise<void> {
  const where = keepIdHash ? and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash)) : eq(sessions.userId, userId);
  await db.delete(sessions).where(where);
}
