import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { setupTokens, users } from '../authSchema';

export type User = typeof users.$inferSelect;
export type UserRole = User['role'];

/** A user by lower-cased email, or undefined. */
export function findUserByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

export function getUser(db: Db, id: string): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/** Every user, by email. */
export function listUsers(db: Db): User[] {
  return db.select().from(users).orderBy(asc(users.email)).all();
}

export function countUsers(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
}

/** Enabled admins other than `exceptId` (guards against locking everyone out). */
export function countOtherActiveAdmins(db: Db, exceptId: string): number {
  const where = and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, exceptId));
  return db.select({ n: sql<number>`count(*)` }).from(users).where(where).get()?.n ?? 0;
}

export function insertUser(db: Db, user: { id: string; email: string; passwordHash: string; role: UserRole }): User {
  return db.insert(users).values({ ...user, email: user.email.toLowerCase() }).returning().get();
}

/** Changes role, disabled flag or password hash; undefined when there is no such user. */
export function updateUser(db: Db, id: string, change: Partial<Pick<User, 'role' | 'disabled' | 'passwordHash'>>): User | undefined {
  return db
    .update(users)
    .set({ ...change, updatedAt: new Date().toISOString() })
    .where(eq(users.id, id))
    .returning()
    .get();
}

/** Deletes a user (their sessions and tokens go with them); false when there is none. */
export function deleteUser(db: Db, id: string): boolean {
  return db.delete(users).where(eq(users.id, id)).run().changes > 0;
}

export function insertSetupToken(db: Db, tokenHash: string, expiresAt: string): void {
  db.insert(setupTokens).values({ tokenHash, expiresAt }).run();
}

/** Marks an unused, unexpired setup token used; false when it is unknown, used or expired. */
export function useSetupToken(db: Db, tokenHash: string, at: string = new Date().toISOString()): boolean {
  const where = and(eq(setupTokens.tokenHash, tokenHash), isNull(setupTokens.usedAt), sql`${setupTokens.expiresAt} > ${at}`);
  return db.update(setupTokens).set({ usedAt: at }).where(where).run().changes > 0;
}
