import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { setupTokens, users } from '../authSchema';

export type User = typeof users.$inferSelect;
export type UserRole = User['role'];

/** A user by lower-cased email, or undefined. */
export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return (await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1))[0];
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  return (await db.select().from(users).where(eq(users.id, id)).limit(1))[0];
}

/** Every user, by email. */
export async function listUsers(db: Db): Promise<User[]> {
  return await db.select().from(users).orderBy(asc(users.email));
}

export async function countUsers(db: Db): Promise<number> {
  return (await db.select({ n: sql<number>`count(*)` }).from(users).limit(1))[0]?.n ?? 0;
}

/**
 * Enabled admins other than `exceptId` (guards against locking everyone out). Inside a transaction that then changes
 * an admin, two such transactions run one after the other: SQLite has one writer; on Postgres (READ COMMITTED) both
 * would count the other's admin still there, so the enabled admins are locked, all of them (`exceptId` too, so both
 * wait on the same rows, in one order) until the commit, and the second counts what the first left.
 */
export async function countOtherActiveAdmins(db: Db, exceptId: string): Promise<number> {
  if (db.dialect === 'postgres') {
    const admins = await db.rows<{ id: string }>(
      sql`SELECT ${users.id} AS id FROM ${users} WHERE ${and(eq(users.role, 'admin'), eq(users.disabled, false))} ORDER BY ${users.id} FOR UPDATE`,
    );
    return admins.filter((admin) => admin.id !== exceptId).length;
  }
  const where = and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, exceptId));
  return (await db.select({ n: sql<number>`count(*)` }).from(users).where(where).limit(1))[0]?.n ?? 0;
}

export async function insertUser(db: Db, user: { id: string; email: string; passwordHash: string; role: UserRole }): Promise<User> {
  return (await db.insert(users).values({ ...user, email: user.email.toLowerCase() }).returning())[0]!;
}

/** Changes role, disabled flag or password hash; undefined when there is no such user. */
export async function updateUser(db: Db, id: string, change: Partial<Pick<User, 'role' | 'disabled' | 'passwordHash'>>): Promise<User | undefined> {
  return (await db
    .update(users)
    .set({ ...change, updatedAt: new Date().toISOString() })
    .where(eq(users.id, id))
    .returning())[0];
}

/** Deletes a user (their sessions and tokens go with them); false when there is none. */
export async function deleteUser(db: Db, id: string): Promise<boolean> {
  return (await db.run(db.delete(users).where(eq(users.id, id)))).changes > 0;
}

export async function insertSetupToken(db: Db, tokenHash: string, expiresAt: string): Promise<void> {
  await db.insert(setupTokens).values({ tokenHash, expiresAt });
}

/** Marks an unused, unexpired setup token used; false when it is unknown, used or expired. */
export async function useSetupToken(db: Db, tokenHash: string, at: string = new Date().toISOString()): Promise<boolean> {
  const where = and(eq(setupTokens.tokenHash, tokenHash), isNull(setupTokens.usedAt), sql`${setupTokens.expiresAt} > ${at}`);
  return (await db.run(db.update(setupTokens).set({ usedAt: at }).where(where))).changes > 0;
}
