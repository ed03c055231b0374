import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../client';
import { sessions, users } from '../authSchema';
import type { User } from './users';

export type Session = typeof sessions.$inferSelect;

export function insertSession(db: Db, session: { idHash: string; userId: string; csrfToken: string; expiresAt: string }): Session {
  return db.insert(sessions).values(session).returning().get();
}

/** The session with this id hash and its user, or undefined; expiry is the caller's to judge. */
export function findSession(db: Db, idHash: string): { session: Session; user: User } | undefined {
  return db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.idHash, idHash)).get();
}

/** Slides a session's expiry. */
export function touchSession(db: Db, idHash: string, lastSeenAt: string, expiresAt: string): void {
  db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.idHash, idHash)).run();
}

export function deleteSession(db: Db, idHash: string): void {
  db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
}

/** Signs a user out everywhere, except the session `keepIdHash` when given. */
export function deleteSessionsOfUser(db: Db, userId: string, keepIdHash?: string): void {
  const where = keepIdHash ? and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash)) : eq(sessions.userId, userId);
  db.delete(sessions).where(where).run();
}
