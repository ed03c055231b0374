import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDrizzleJson, generateMigration, type DrizzleSnapshotJSON } from 'drizzle-kit/api';
import { pgMigrationsFolder } from './pgMigrationsFolder';
import { pgTablesByName } from './pgTables';

type Journal = {
  version: string;
  dialect: 'postgresql';
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
};

const journalFile = (folder: string) => join(folder, 'meta', '_journal.json');
const snapshotFile = (folder: string, idx: number) => join(folder, 'meta', `${String(idx).padStart(4, '0')}_snapshot.json`);

export function readPgJournal(folder = pgMigrationsFolder): Journal {
  if (!existsSync(journalFile(folder))) return { version: '7', dialect: 'postgresql', entries: [] };
  return JSON.parse(readFileSync(journalFile(folder), 'utf8')) as Journal;
}

/** The schema as the newest Postgres migration left it (an empty one before the first). */
export function latestPgSnapshot(folder = pgMigrationsFolder): DrizzleSnapshotJSON {
  const last = readPgJournal(folder).entries.at(-1);
  if (last === undefined) return generateDrizzleJson({});
  return JSON.parse(readFileSync(snapshotFile(folder, last.idx), 'utf8')) as DrizzleSnapshotJSON;
}

/** The schema the drizzle tables describe today. */
export function currentPgSnapshot(prevId?: string): DrizzleSnapshotJSON {
  return generateDrizzleJson(Object.fromEntries(pgTablesByName()), prevId);
}

/** The statements that would bring a database at the newest Postgres migration to today's drizzle schema (none when current). */
export async function pendingPgSchemaStatements(folder = pgMigrationsFolder): Promise<string[]> {
  const latest = latestPgSnapshot(folder);
  return generateMigration(latest, currentPgSnapshot(latest.id));
}

/**
 * Writes the next migration: the statements from the newest snapshot to today's schema, or, when `custom`, an empty
 * file to write by hand (views, trigger functions: what drizzle's schema cannot say) that keeps the newest snapshot.
 * Answers the new file's tag, or nothing when the schema is current.
 */
export async function writePgMigration(name: string, custom = false, folder = pgMigrationsFolder): Promise<string | undefined> {
  const journal = readPgJournal(folder);
  const latest = latestPgSnapshot(folder);
  const current = currentPgSnapshot(latest.id);
  const statements = custom
    ? ['-- Hand-written: what the drizzle schema cannot say (views, trigger functions, seeds); statements separated as in 0000.']
    : await generateMigration(latest, current);
  if (statements.length === 0) return undefined;
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const idx = journal.entries.length;
  const tag = `${String(idx).padStart(4, '0')}_${name}`;
  const snapshot = custom ? { ...latest, id: crypto.randomUUID(), prevId: latest.id } : current;
  writeFileSync(join(folder, `${tag}.sql`), `${statements.join('\n--> statement-breakpoint\n')}\n`);
  writeFileSync(snapshotFile(folder, idx), `${JSON.stringify(snapshot, null, 2)}\n`);
  // Later than every entry even on a clock that runs behind: the runner applies migrations in this order.
  const when = Math.max(Date.now(), (journal.entries.at(-1)?.when ?? 0) + 1);
  journal.entries.push({ idx, version: '7', when, tag, breakpoints: true });
  writeFileSync(journalFile(folder), `${JSON.stringify(journal, null, 2)}\n`);
  return tag;
}
