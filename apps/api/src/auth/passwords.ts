import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/** A new password: long enough to resist guessing, short enough not to be a hashing DoS. */
export const NewPassword = z.string().min(10, 'a password needs at least 10 characters').max(200);

/** argon2id with the library's defaults (19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified when the email is unknown, so a wrong email takes as long as a wrong password.
const decoy = hash('decoy password that matches nothing');

/** True when `password` matches `passwordHash` (undefined: no such user, still spends the time). */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
