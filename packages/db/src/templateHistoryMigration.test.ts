import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateSqlite } from './migrateSqlite';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));
const TAG = '0027_template_revisions';

/** The migrations folder as it was before template history: every migration but 0027. */
function foldersBeforeAndWith(dir: string): { before: string; all: string } {
  const before = join(dir, 'before');
  cpSync(migrations, before, { recursive: true });
  rmSync(join(before, `${TAG}.sql`));
  const journalFile = join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.filter((entry) => entry.tag !== TAG) }));
  return { before, all: migrations };
}

describe('migration 0027 (template history)', () => {
  it('gives every template saved before history its revision 1, holding what it holds now', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-0027-'));
    const { before, all } = foldersBeforeAndWith(dir);
    const sqlite = new Database(join(dir, 'old.db'));
    migrateSqlite(sqlite, before);
    sqlite.prepare("INSERT INTO templates (id, name, subject, html, text, updated_at) VALUES ('old', 'Old', 'Hi', '<p>hi</p>', NULL, '2026-01-02T03:04:05.000Z')").run();
    expect(migrateSqlite(sqlite, all).applied).toBe(1);
    expect(sqlite.prepare('SELECT template_id, revision, name, subject, html, text, saved_at, saved_by FROM template_revisions').all()).toEqual([
      { template_id: 'old', revision: 1, name: 'Old', subject: 'Hi', html: '<p>hi</p>', text: null, saved_at: '2026-01-02T03:04:05.000Z', saved_by: null },
    ]);
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
