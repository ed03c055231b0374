import { readMigrationFiles } from 'drizzle-orm/migrator';
import type pg from 'pg';

/** drizzle's own bookkeeping table and columns, so drizzle-kit and this runner agree on what was applied. */
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
  const migrations = readMigrationFiles({ migrationsFolder });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`);
    const last = await client.query<{ created_at: string }>(`SELECT created_at FROM ${MIGRATIONS_TABLE} ORDER BY created_at DESC LIMIT 1`);
    const lastApplied = last.rows[0] === undefined ? -Infinity : Number(last.rows[0].created_at);
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
    return { applied };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
