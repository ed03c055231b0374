import { copyFileSync, rmSync } from 'node:fs';
import { openDatabase } from '@lifecycle/db';

type Sqlite = ReturnType<typeof openDatabase>['$client'];

/**
 * Triggers that are not analytics: suppression bookkeeping (0034) and the goal table a publish fills. Every other
 * trigger keeps an analytics rollup (0016, 0028–0031 and whatever later migrations add), so "analytics off" drops it:
 * `ANALYTICS_ROLLUPS=off` alone only silences the JS hooks, while the triggers on customers, segment memberships and
 * stage history go on firing on the "off" side and make the comparison flatter than it is.
 */
const NOT_ANALYTICS = /^(customers_suppressed_|journey_goals_on_publish$)/;

/** Drops the analytics triggers of an open (already migrated) file; returns how many. */
export function dropAnalyticsTriggers(sqlite: Sqlite): number {
  return takeAnalyticsTriggers(sqlite).length;
}

/** Drops the analytics triggers and returns their SQL, so `restoreTriggers` can put them back as they were. */
export function takeAnalyticsTriggers(sqlite: Sqlite): string[] {
  const triggers = (sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string; sql: string }[]).filter(({ name }) => !NOT_ANALYTICS.test(name));
  for (const { name } of triggers) sqlite.prepare(`DROP TRIGGER IF EXISTS "${name.replaceAll('"', '""')}"`).run();
  return triggers.map(({ sql }) => sql);
}

export function restoreTriggers(sqlite: Sqlite, sql: readonly string[]): void {
  sqlite.transaction(() => {
    for (const statement of sql) sqlite.exec(statement);
  })();
}

/**
 * "Off" on the built file itself, for files too big to copy (scale 1 is tens of GB): the analytics triggers are dropped
 * for the off rounds and put back from their stored SQL for the on rounds. Both sides then grow by all rounds' events,
 * and the off rounds' events are never counted (a bench file's figures, not a user's).
 */
export function analyticsOffInPlace(file: string): { off: () => number; on: () => void } {
  let taken: string[] = [];
  const withFile = <T>(work: (sqlite: Sqlite) => T): T => {
    const db = openDatabase(file);
    try {
      return work(db.$client);
    } finally {
      db.$client.close();
    }
  };
  return {
    off: () => withFile((sqlite) => (taken = takeAnalyticsTriggers(sqlite)).length),
    on: () =>
      withFile((sqlite) => {
        restoreTriggers(sqlite, taken);
        taken = [];
      }),
  };
}

/**
 * A copy of the built file for the "off" side: the same rows, migrated, without analytics triggers (the JS hooks are
 * off by `ANALYTICS_ROLLUPS=off`). Each side then grows by its own events only. Returns how many triggers it dropped.
 */
export function analyticsOffCopy(source: string, file: string): number {
  removeDatabaseFile(file);
  copyFileSync(source, file);
  const db = openDatabase(file);
  try {
    return dropAnalyticsTriggers(db.$client);
  } finally {
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.close();
  }
}

export function removeDatabaseFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
