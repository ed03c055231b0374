import { readMigrationFiles } from 'drizzle-orm/migrator';
import type pg from 'pg';

const readFolders = new Map<string, ReturnType<typeof readMigrationFiles>>();

/** The folder's migrations, read and hashed once per process (every test database opens through here). */
function migrationFiles(migrationsFolder: string): ReturnType<typeof readMigrationFiles> {
  let migrations = readFolders.get(migrationsFolder);
  if (!migrations) readFolders.set(migrationsFolder, (migrations = readMigrationFiles({ migrationsFolder })));
  return migrations;
}

/** What was applied: drizzle's bookkeeping columns (hash, folder time), in a table of our own in the app's schema. */
const MIGRATIONS_TABLE = '"public"."__drizzle_migrations"';

/**
 * The advisory lock every Lifecycle process takes to migrate (any fixed number works; this one spells "lifecycle" in
 * ASCII, truncated to a bigint's range).
 */
const MIGRATION_LOCK = 0x6c6966656379636cn;

/**
 * Applies the pending migrations of `migrationsFolder` in one transaction that first takes a transaction-scoped
 * advisory lock, so any number of processes may start against one fresh database at once: the first migrates, the
 * others wait on the lock and then find nothing left to do. The same guarantee as migrateSqlite's `BEGIN IMMEDIATE`.
 *
 * Why not drizzle's `migrate`: it reads the last applied migration before it serialises anything, so two processes
 * starting together both apply migration 0 and the second fails on "relation already exists" (or a duplicate key in
 * Postgres's catalog).
 */
export async function migratePostgres(pool: pg.Pool, migrationsFolder: string): Promise<{ applied: number }> {
  const migrations = migrationFiles(migrationsFolder);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`);
    const recorded = await client.query<{ hash: string; created_at: string }>(`SELECT hash, created_at FROM ${MIGRATIONS_TABLE}`);
    const lastApplied = Math.max(-Infinity, ...recorded.rows.map((row) => Number(row.created_at)));
    const appliedHashes = new Set(recorded.rows.map((row) => row.hash));
    // A migration older than the newest applied one that was never applied (two branches merged in the other order,
    // or a file edited after it ran) would be skipped for ever here while fresh databases run it: refuse to start.
    const skipped = migrations.find((migration) => migration.folderMillis <= lastApplied && !appliedHashes.has(migration.hash));
    if (skipped) {
      throw new Error(
        `Postgres migration dated ${new Date(skipped.folderMillis).toISOString()} was never applied here, but a newer one was: ` +
          'give it a date after the newest (migrations-pg/meta/_journal.json) instead of editing an applied one',
      );
    }
    let applied = 0;
    for (const migration of migrations) {
      if (migration.folderMillis <= lastApplied) continue;
      for (const statement of migration.sql) if (statement.trim()) await client.query(statement);
      await client.query(`INSERT INTO ${MIGRATIONS_TABLE} ("hash", "created_at") VALUES ($1, $2)`, [
        migration.hash,
        migration.folderMillis,
      ]);
      applied++;
    }
    await client.query('COMMIT');
    client.release();
    return { applied };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    // Passing the error makes the pool discard the connection instead of reusing one left in an unknown state.
    client.release(error as Error);
    throw error;
  }
}
