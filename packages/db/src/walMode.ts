import type Database from 'better-sqlite3';

const WAL_SWITCH_DEADLINE_MS = 10_000;
const RETRY_PAUSE_MS = 5;

/**
 * Puts the file in WAL mode (persistent: once any process did it, it stays). On a fresh file opened by several processes
 * at once, the switch needs an exclusive lock and SQLite answers SQLITE_BUSY at once without calling the busy handler,
 * so the switch is retried until one process has made it (every process then reads `wal`).
 */
export function enableWal(sqlite: Database.Database): void {
  const deadline = Date.now() + WAL_SWITCH_DEADLINE_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      if (sqlite.pragma('journal_mode', { simple: true }) === 'wal') return;
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') || Date.now() > deadline) throw error;
      // Opening a database is synchronous (better-sqlite3), so the pause is too; it happens only at start-up.
      Atomics.wait(pause, 0, 0, RETRY_PAUSE_MS);
    }
  }
}
