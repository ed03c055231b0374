import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateSqlite } from './migrateSqlite';
import * as schema from './schema';
import { enableWal } from './walMode';
import type { AppDatabase } from './access/appDatabase';
import { openSqliteApp } from './access/openSqliteApp';
import { openPostgresApp } from './access/openPostgresApp';
import { registerConditionFunction } from './sqliteConditionFunction';

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date, safe to call from many
 * processes at once: the synchronous handle under `openDatabase`, for migrations, schema checks and benchmark anchors.
 */
export function openSqliteFile(file: string) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // API and worker share the file; wait for the other's write instead of failing at once (first, so that even
  // switching a fresh file to WAL waits for a process doing the same).
  sqlite.pragma('busy_timeout = 10000');
  enableWal(sqlite);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  registerConditionFunction(sqlite);
  // Before drizzle sees the file: several processes may be opening it for the first time at this very moment.
  migrateSqlite(sqlite, migrationsFolder);
  return drizzle(sqlite, { schema });
}

export type SqliteFile = ReturnType<typeof openSqliteFile>;

/** The app's data access (access/appDatabase.ts): every query function takes one. */
export type Db = AppDatabase;

/** The app database on the SQLite file: migrated, then served through the asynchronous data access. */
export function openDatabase(file: string): Db {
  return openSqliteApp(file);
}

/**
 * The app database the API and worker open: Postgres at `url` when given (`DATABASE_URL`), checked and migrated first;
 * else the SQLite file at `path`, the embedded default.
 */
export async function openAppDatabase(where: { url?: string; path: string }): Promise<Db> {
  return where.url ? openPostgresApp(where.url) : openDatabase(where.path);
}
