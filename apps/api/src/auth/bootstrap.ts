import { countUsers, insertSetupToken, isUniqueViolation, type Db } from '@lifecycle/db';
import { HttpError } from '../errors';
import type { Config } from '../config';
import { createUser } from '../services/users';
import { randomSecret, sha256 } from './secrets';

const setupLinkMs = 24 * 3600 * 1000;

export type Bootstrap = { outcome: 'ready' } | { outcome: 'admin_created'; email: string } | { outcome: 'setup_link'; url: string };

/**
 * First start: with no user yet, creates the admin of ADMIN_EMAIL/ADMIN_PASSWORD, or else logs a one-time
 * setup link valid for 24 h. There is never a default password.
 */
export async function bootstrapAccounts(db: Db, config: Config, log: (line: string) => void = console.log): Promise<Bootstrap> {
  if ((await countUsers(db)) > 0) return { outcome: 'ready' };
  if (config.adminEmail && config.adminPassword) {
    const email = config.adminEmail.toLowerCase();
    try {
      const admin = await createUser(db, { email, password: config.adminPassword, role: 'admin' });
      log(`api: created the first admin ${admin.email} from ADMIN_EMAIL`);
      return { outcome: 'admin_created', email: admin.email };
    } catch (error) {
      // Another process starting on the same database created them a moment ago (replicas start together).
      if ((error instanceof HttpError && error.code === 'email_taken') || isUniqueViolation(error)) return { outcome: 'ready' };
      throw error;
    }
  }
  const token = randomSecret();
  await insertSetupToken(db, sha256(token), new Date(Date.now() + setupLinkMs).toISOString());
  const url = `${config.publicUrl}/#/setup/${token}`;
  log(`api: no user exists yet. Create the first admin within 24 hours at ${url}`);
  return { outcome: 'setup_link', url };
}
