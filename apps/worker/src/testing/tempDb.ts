import { openDatabase, type Db } from '@lifecycle/db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real SQLite file in a fresh temp dir, migrated; `dispose` closes and deletes it. */
export function openTempDb(): { db: Db; dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'lifecycle-worker-'));
  const db = openDatabase(join(dir, 'lifecycle.db'));
  return {
    db,
    dir,
    dispose: () => {
      void db.close(); // SQLite closes at once; the promise only reports it
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
