import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { customers } from './schema';
import { tempDirectory } from './testing/tempDatabase';

const root = join(import.meta.dirname, '../../..');
const folders = ['packages', 'apps', 'workflows'].map((folder) => join(root, folder));
// The data access itself, the migration runner and the two-backend test harness are where connections are handled.
const handlesConnections = /packages\/db\/src\/(access\/|postgres\/|testing\/|client\.ts|migrateSqlite\.ts|walMode\.ts)/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const scratch = tempDirectory('immediate');
afterAll(() => scratch.remove());

// A deferred transaction that reads before it writes fails at once with SQLITE_BUSY (no busy wait) when another
// process — the worker, a second API — committed in between: seen as a publish answering 503 on a busy machine.
// Every transaction therefore goes through the data access, whose SQLite transactions begin IMMEDIATE.
describe('write transactions', () => {
  it('take the write lock when they begin, before their first write', async () => {
    const file = scratch.file('lock.db');
    const db = openDatabase(file);
    const other = new Database(file, { timeout: 0 });
    try {
      await db.transaction(async () => {
        await db.select().from(customers); // only a read so far
        expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
      });
      other.exec('BEGIN IMMEDIATE; ROLLBACK'); // free again after the commit
    } finally {
      other.close();
      await db.close();
    }
  });

  it('are all the data access’s: no app code opens one on the raw connection', () => {
    const raw: string[] = [];
    for (const file of folders.flatMap(sources).filter((path) => !handlesConnections.test(path))) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        if (/\$client\b|\.immediate\(|['"`]\s*BEGIN\b/.test(line)) raw.push(`${relative(root, file)}:${index + 1}`);
      });
    }
    expect(raw).toEqual([]);
  });
});
