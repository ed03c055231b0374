import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';

/** drizzle's own bookkeeping table, kept so databases migrated before this runner stay current with it. */
const MIGRATIONS_TABLE = '__drizzle_migrations';

/**
 * Applies the pending migrations of `migrationsFolder` under one `BEGIN IMMEDIATE` transaction, so any number of
 * processes may start on one fresh file at once: the first takes the write lock and migrates, the others wait for it
 * (the connection's busy_timeout) and then find nothing left to do.
 *
 * Why not drizzle's `migrate`: it reads the last applied migration *before* it opens its (deferred) transaction, so two
 * processes starting together both decide to apply migration 0 and the second dies on "table already exists".
 */
export function migrateSqlite(sqlite: Database.Database, migrationsFolder: string): { applied: number } {
  const migrations = readMigrationFiles({ migrationsFolder });
  const migrateLocked = sqlite.transaction(() => {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
    const last = sqlite.prepare(`SELECT created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`).get() as
      | { created_at: number | string }
      | undefined;
    const lastApplied = last === undefined ? -Infinity : Number(last.created_at);
    const record = sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" ("hash", "created_at") VALUES (?, ?)`);
    let applied = 0;
    for (const migration of migrations) {
      if (migration.folderMillis <= lastApplied) continue;
      for (const statement of migration.sql) if (statement.trim()) sqlite.exec(statement);
      record.run(migration.hash, migration.folderMillis);
      applied++;
    }
    return applied;
  });
  return { applied: migrateLocked.immediate() };
}
