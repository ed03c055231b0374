import { randomUUID } from 'node:crypto';
import { countOtherActiveAdmins, deleteSessionsOfUser, deleteUser, findUserByEmail, getUser, insertUser, listUsers, updateUser, type Db, type User } from '@lifecycle/db';
import { z } from 'zod';
import { EmailAddress } from '../emailAddress';
import { hashPassword, NewPassword } from '../auth/passwords';
import { Role } from '../auth/roles';
import { HttpError, notFound } from '../errors';

export const Email = z.string().max(320).trim().toLowerCase().pipe(EmailAddress);

/** POST /api/users. */
export const NewUser = z.object({ email: Email, password: NewPassword, role: Role });
export type NewUser = z.infer<typeof NewUser>;

/** PATCH /api/users/:id. */
export const UserChange = z.object({ role: Role.optional(), disabled: z.boolean().optional() });
export type UserChange = z.infer<typeof UserChange>;

/** A user as the API shows it: never the password hash. */
export function publicUser(user: User) {
  return { id: user.id, email: user.email, role: user.role, disabled: user.disabled, createdAt: user.createdAt };
}

export async function listAll(db: Db) {
  return (await listUsers(db)).map(publicUser);
}

/** Creates a user; 409 `email_taken` when the email is in use. */
export async function createUser(db: Db, input: NewUser): Promise<User> {
  if (await findUserByEmail(db, input.email)) throw new HttpError(409, 'email_taken', `a user with email ${input.email} exists`);
  return insertUser(db, { id: `usr_${randomUUID()}`, email: input.email, passwordHash: await hashPassword(input.password), role: input.role });
}

/** 409 `last_admin` when `user` is the last enabled admin and the change would leave none. */
async function keepAnAdmin(db: Db, user: User, leavesAdmins: boolean): Promise<void> {
  if (user.role === 'admin' && !user.disabled && !leavesAdmins && (await countOtherActiveAdmins(db, user.id)) === 0) {
    throw new HttpError(409, 'last_admin', 'this is the last enabled admin; make another admin first');
  }
}

/** Changes role or disabled flag; a disabled user is signed out everywhere. */
export async function changeUser(db: Db, id: string, change: UserChange): Promise<User> {
  // One transaction from the read to the write: two requests disabling the last two admins run one after the other,
  // so the second sees the first's change and is refused.
  return await db.transaction(async () => {
    const user = await getUser(db, id);
    if (!user) throw notFound('user', id);
    await keepAnAdmin(db, user, (change.role ?? user.role) === 'admin' && !(change.disabled ?? user.disabled));
    const updated = await updateUser(db, id, change);
    if (!updated) throw notFound('user', id);
    if (updated.disabled) await deleteSessionsOfUser(db, id);
    return updated;
  });
}

/** Deletes a user with their sessions and API tokens. */
export async function removeUser(db: Db, id: string, byUserId: string | null): Promise<User> {
  // In one transaction, as changeUser: the admin check holds until the delete.
  return await db.transaction(async () => {
    const user = await getUser(db, id);
    if (!user) throw notFound('user', id);
    if (id === byUserId) throw new HttpError(409, 'cannot_delete_self', 'you cannot delete your own account');
    await keepAnAdmin(db, user, false);
    await deleteUser(db, id);
    return user;
  });
}
