import { randomUUID } from 'node:crypto';
import { insertSession, insertUser, type Db } from '@lifecycle/db';
import type { Role } from '../auth/roles';
import { randomSecret, sha256 } from '../auth/secrets';
import { SESSION_COOKIE } from '../auth/sessionCookie';
import { createApiToken } from '../services/apiTokens';

/** Users, sessions and tokens made straight in the database, so tests need not hash a password per request. */
export function accountsFor(db: Db) {
  async function user(role: Role) {
    return await insertUser(db, { id: `usr_${randomUUID()}`, email: `${role}-${randomUUID().slice(0, 8)}@example.com`, passwordHash: 'not-a-hash', role });
  }
  return {
    user,
    /** A fresh session of a new user with `role`: the headers a browser would send on a write. */
    async session(role: Role): Promise<{ cookie: string; 'x-csrf-token': string }> {
      const sessionId = randomSecret();
      const csrfToken = randomSecret();
      await insertSession(db, { idHash: sha256(sessionId), userId: (await user(role)).id, csrfToken, expiresAt: new Date(Date.now() + 3600_000).toISOString() });
      return { cookie: `${SESSION_COOKIE}=${sessionId}`, 'x-csrf-token': csrfToken };
    },
    /** A plain API token with `role`, created by a new admin. */
    async token(role: Role): Promise<string> {
      return (await createApiToken(db, { name: `${role} token`, role }, { userId: (await user('admin')).id, role: 'admin' })).token;
    },
  };
}
