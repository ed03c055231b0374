import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db } from '../client';
import { openTestDatabase } from './testDatabase';

/** A scratch directory for a test's database files; `remove` deletes it with everything in it. */
export function tempDirectory(prefix: string): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `lifecycle-${prefix}-`));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A migrated database file in its own scratch directory; `close` closes it and removes the directory. */
export function tempDatabase(prefix: string): { db: Db; dir: string; close: () => void } {
  const scratch = tempDirectory(prefix);
  const db = openTestDatabase(scratch.file('lifecycle.db'));
  return {
    db,
    dir: scratch.dir,
    close: () => {
      void db.close();
      scratch.remove();
    },
  };
}
