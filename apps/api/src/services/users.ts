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

export function listAll(db: Db) {
  return listUsers(db).map(publicUser);
}

/** Creates a user; 409 `email_taken` when the email is in use. */
export async function createUser(db: Db, input: NewUser): Promise<User> {
  if (findUserByEmail(db, input.email)) throw new HttpError(409, 'email_taken', `a user with email ${input.email} exists`);
  return insertUser(db, { id: `usr_${randomUUID()}`, email: input.email, passwordHash: await hashPassword(input.password), role: input.role });
}

/** 409 `last_admin` when `user` is the last enabled admin and the change would leave none. */
function keepAnAdmin(db: Db, user: User, leavesAdmins: boolean): void {
  if (user.role === 'admin' && !user.disabled && !leavesAdmins && countOtherActiveAdmins(db, user.id) === 0) {
    throw new HttpError(409, 'last_admin', 'this is the last enabled admin; make another admin first');
  }
}

/** Changes role or disabled flag; a disabled user is signed out everywhere. */
export function changeUser(db: Db, id: string, change: UserChange): User {
  const user = getUser(db, id);
  if (!user) throw notFound('user', id);
  keepAnAdmin(db, user, (change.role ?? user.role) === 'admin' && !(change.disabled ?? user.disabled));
  const updated = updateUser(db, id, change);
  if (!updated) throw notFound('user', id);
  if (updated.disabled) deleteSessionsOfUser(db, id);
  return updated;
}

/** Deletes a user with their sessions and API tokens. */
export function removeUser(db: Db, id: string, byUserId: string | null): User {
  const user = getUser(db, id);
  if (!user) throw notFound('user', id);
  if (id === byUserId) throw new HttpError(409, 'cannot_delete_self', 'you cannot delete your own account');
  keepAnAdmin(db, user, false);
  deleteUser(db, id);
  return user;
}
