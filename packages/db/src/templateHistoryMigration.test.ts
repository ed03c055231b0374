import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateSqlite } from './migrateSqlite';
import { MIGRATIONS, migrationsBefore } from './testing/migrationsBefore';

const TAG = '0027_template_revisions';

describe('migration 0027 (template history)', () => {
  it('gives every template saved before history its revision 1, holding what it holds now', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-0027-'));
    const { before, later } = migrationsBefore(TAG, dir);
    const sqlite = new Database(join(dir, 'old.db'));
    migrateSqlite(sqlite, before);
    sqlite.prepare("INSERT INTO templates (id, name, subject, html, text, updated_at) VALUES ('old', 'Old', 'Hi', '<p>hi</p>', NULL, '2026-01-02T03:04:05.000Z')").run();
    expect(migrateSqlite(sqlite, MIGRATIONS).applied).toBe(later);
    expect(sqlite.prepare('SELECT template_id, revision, name, subject, html, text, saved_at, saved_by FROM template_revisions').all()).toEqual([
      { template_id: 'old', revision: 1, name: 'Old', subject: 'Hi', html: '<p>hi</p>', text: null, saved_at: '2026-01-02T03:04:05.000Z', saved_by: null },
    ]);
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
