import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from '../client';

const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Rollup families kept by SQLite triggers start at migration 0028. Earlier migrations also fill tables from events, but
 * those are kept by the JS hooks (rollups.ts), whose rules (settings, currencies) have moved on since their backfill was
 * written, and 0016's run windows are read by the ingest hook itself: they are never paused.
 */
const FIRST_TRIGGER_ROLLUP = 28;

/** A migration that keeps a rollup by trigger: the tables it creates, the triggers it creates, and every statement. */
export type RollupMigration = { tag: string; tables: string[]; triggers: string[]; statements: string[] };

const nameAfter = (statement: string, what: 'TABLE' | 'TRIGGER'): string | undefined =>
  new RegExp(`^\\s*(?:--[^\\n]*\\n\\s*)*CREATE ${what} IF NOT EXISTS \`(\\w+)\``, 'i').exec(statement)?.[1];
const fillsSetBased = (statement: string) => /^\s*(?:--[^\n]*\n\s*)*INSERT\b[\s\S]*\bSELECT\b/i.test(statement);

/**
 * The rollup migrations in the order they apply: from 0028 on, each that creates triggers and fills its tables from the
 * rows already stored (`INSERT … SELECT`), read from the migration files themselves so no SQL is copied.
 */
export function rollupMigrations(): RollupMigration[] {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: { tag: string }[] };
  const files = readMigrationFiles({ migrationsFolder });
  // A later migration may redefine a trigger (drop it, create it anew under the same name, nothing else): the replay
  // of its family must create the newest definition, or a refill would bring the old one back.
  const newest = new Map<string, string>();
  files.forEach((file, at) => {
    const statements = file.sql.filter((statement) => statement.trim() !== '');
    if (!statements.some((statement) => /DROP TRIGGER/i.test(statement))) return;
    const dropped = statements.map((statement) => /^\s*(?:--[^\n]*\n\s*)*DROP TRIGGER IF EXISTS `(\w+)`\s*;?\s*$/i.exec(statement)?.[1]);
    const created = statements.map((statement) => nameAfter(statement, 'TRIGGER'));
    const redefinesOnly = statements.every((_, i) => dropped[i] !== undefined || created[i] !== undefined) && dropped.filter(Boolean).every((name) => created.includes(name));
    if (!redefinesOnly) {
      throw new Error(`migration ${journal.entries[at]!.tag} drops a trigger without creating it again: refilling rollups by replaying their migrations no longer reproduces the schema`);
    }
    statements.forEach((statement, i) => {
      if (created[i] !== undefined) newest.set(created[i], statement);
    });
  });
  const rollups: RollupMigration[] = [];
  files.forEach((file, at) => {
    const entry = journal.entries[at]!;
    if (Number.parseInt(entry.tag, 10) < FIRST_TRIGGER_ROLLUP) return;
    const statements = file.sql
      .filter((statement) => statement.trim() !== '')
      .map((statement) => {
        const trigger = nameAfter(statement, 'TRIGGER');
        return trigger !== undefined && newest.has(trigger) ? newest.get(trigger)! : statement;
      });
    const triggers = statements.map((statement) => nameAfter(statement, 'TRIGGER')).filter((name) => name !== undefined);
    if (triggers.length === 0 || !statements.some(fillsSetBased)) return;
    const tables = statements.map((statement) => nameAfter(statement, 'TABLE')).filter((name) => name !== undefined);
    rollups.push({ tag: entry.tag, tables, triggers, statements });
  });
  return rollups;
}

/**
 * Stops every trigger-kept rollup family: its triggers are dropped (the migration file creates them again). For a bulk
 * load of base rows, followed by `refillPausedRollups`; until then the families' tables are stale.
 */
export async function pauseRollupTriggers(db: Db): Promise<void> {
  for (const migration of rollupMigrations()) for (const trigger of migration.triggers) await db.exec(`DROP TRIGGER IF EXISTS \`${trigger}\``);
}

/**
 * Fills every trigger-kept rollup family from the stored rows exactly as an upgrade does: migration by migration in
 * order, its tables emptied (an upgrade creates them empty) and then its file run as written — the `IF NOT EXISTS`
 * creates are no-ops, the backfill statements fill the tables, and the triggers are created again at the point the
 * file creates them, so each later migration's backfill runs under the earlier families' triggers as on an upgrade.
 * The tests of each family (backfill = what the live path builds) are what make this equal to loading row by row.
 * Call inside a write transaction.
 */
export async function refillPausedRollups(db: Db, onMigration: (tag: string) => void = () => {}): Promise<void> {
  for (const migration of rollupMigrations()) {
    onMigration(migration.tag);
    for (const table of migration.tables) await db.exec(`DELETE FROM \`${table}\``);
    for (const statement of migration.statements) await db.exec(statement);
  }
}
