import { fileURLToPath } from 'node:url';

/** The Postgres migrations, in drizzle's folder layout (`meta/_journal.json`, a snapshot per migration). */
export const pgMigrationsFolder = fileURLToPath(new URL('../../migrations-pg', import.meta.url));
