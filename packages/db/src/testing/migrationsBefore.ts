import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's migrations folder. */
export const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * A copy of the migrations folder as an install from before migration `tag` had it: every migration before it and
 * none after (drizzle applies only migrations newer than the last one applied, so an older install must lack the later
 * ones too). `later` is how many migrations an upgrade from there to today applies.
 */
export function migrationsBefore(tag: string, dir: string): { before: string; later: number } {
  const before = join(dir, 'before');
  cpSync(MIGRATIONS, before, { recursive: true });
  const journalFile = join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  if (at < 0) throw new Error(`no migration ${tag}`);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return { before, later: journal.entries.length - at };
}
