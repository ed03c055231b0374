import type { Db } from '@lifecycle/db';

/**
 * How far a build got, kept in the file it builds (a bench-only table, `bench_build`), so a killed build continues
 * where it stopped: each chunk of generated rows records its number and the counters after it IN THE SAME
 * TRANSACTION as its rows, so a kill loses at most the open chunk and a resumed build never stores a row twice.
 * Keys: `config` (seed, scale, the instant the data ends at, migrations applied), `deferred` (the dropped indexes'
 * SQL), `phase:<name>` (a chunked phase's last committed chunk and counters), `done:<name>` (a finished phase's
 * seconds), `finished`.
 */
/** `rollups`: 'refill' pauses the trigger-kept rollups while rows go in and fills them at the end; 'live' keeps every trigger firing row by row (slow; to check the refill against). */
export type BuildConfig = { seed: number; scale: number; now: number; migrations: number; rollups: 'refill' | 'live' };
export type ChunkState = { chunk: number; counters: Record<string, number> };

export async function ensureProgressTable(db: Db): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS bench_build (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)');
}

/** The build recorded in `db`, if any (a file another tool made has none). */
export async function readProgress<T>(db: Db, key: string): Promise<T | undefined> {
  const exists = await db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bench_build'`).get();
  if (!exists) return undefined;
  const row = (await db.prepare('SELECT value FROM bench_build WHERE key = ?').pluck().get<string>(key));
  return row === undefined ? undefined : (JSON.parse(row) as T);
}

/** Records `value` under `key` (inside the caller's transaction, when there is one). */
export async function writeProgress(db: Db, key: string, value: unknown): Promise<void> {
  await db.prepare('INSERT INTO bench_build (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

/** What a build of this file did so far, for the "resuming" line. */
export async function describeProgress(db: Db): Promise<string> {
  const rows = (await db.prepare(`SELECT key, value FROM bench_build WHERE key LIKE 'phase:%' OR key LIKE 'done:%' ORDER BY rowid`).all<{ key: string; value: string }>());
  return rows.map((row) => (row.key.startsWith('phase:') ? `${row.key.slice(6)} chunk ${(JSON.parse(row.value) as ChunkState).chunk + 1}` : `${row.key.slice(5)} done`)).join(', ') || 'nothing committed yet';
}
