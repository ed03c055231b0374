import { join } from 'node:path';
import { openAppDatabase, type Db } from '@lifecycle/db';
import { createTestDatabaseUrl } from '@lifecycle/db/testing';

/** Where the processes a test starts keep their app data, as the environment they are given. */
export type AppDatabaseEnv = { DATABASE_PATH: string; DATABASE_URL?: string };

/** The app database of processes a test starts: their environment, and what removes it after them. */
export type ProcessDatabase = { env: AppDatabaseEnv; drop: () => Promise<void> };

/**
 * The app database of the processes a test starts: the SQLite file `lifecycle.db` in `dir`, or — given `url`, or in a
 * run on Postgres (`LIFECYCLE_TEST_DATABASE=postgres`) — a Postgres database as DATABASE_URL, in the second case a fresh
 * copy of the run's migrated template that `drop` removes once the processes have stopped.
 */
export async function appDatabase(dir: string, url?: string): Promise<ProcessDatabase> {
  const created = url === undefined ? await createTestDatabaseUrl() : undefined;
  const databaseUrl = url ?? created?.url;
  return {
    env: { DATABASE_PATH: join(dir, 'lifecycle.db'), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    drop: async () => created?.drop(),
  };
}

/**
 * Runs `work` on the app database of processes given `env`, opened as they open it (DATABASE_URL first, else the
 * file): for a test that reads what they stored, or writes what the API would refuse to.
 */
export async function withAppDatabase<T>(env: NodeJS.ProcessEnv, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openAppDatabase({ url: env.DATABASE_URL, path: String(env.DATABASE_PATH) });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
