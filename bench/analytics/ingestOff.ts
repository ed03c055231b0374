import { copyFileSync, rmSync } from 'node:fs';
import { openDatabase, type Db } from '@lifecycle/db';

/**
 * Triggers that are not analytics: suppression bookkeeping (0034) and the goal table a publish fills. Every other
 * trigger keeps an analytics rollup (0016, 0028–0031 and whatever later migrations add), so "analytics off" drops it:
 * `ANALYTICS_ROLLUPS=off` alone only silences the JS hooks, while the triggers on customers, segment memberships and
 * stage history go on firing on the "off" side and make the comparison flatter than it is.
 */
const NOT_ANALYTICS = /^(customers_suppressed_|journey_goals_on_publish$)/;

/** Drops the analytics triggers of an open (already migrated) file; returns how many. */
export async function dropAnalyticsTriggers(db: Db): Promise<number> {
  return (await takeAnalyticsTriggers(db)).length;
}

/** Drops the analytics triggers and returns their SQL, so `restoreTriggers` can put them back as they were. */
export async function takeAnalyticsTriggers(db: Db): Promise<string[]> {
  const triggers = (await db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all<{ name: string; sql: string }>()).filter(({ name }) => !NOT_ANALYTICS.test(name));
  for (const { name } of triggers) await db.prepare(`DROP TRIGGER IF EXISTS "${name.replaceAll('"', '""')}"`).run();
  return triggers.map(({ sql }) => sql);
}

export async function restoreTriggers(db: Db, sql: readonly string[]): Promise<void> {
  await db.transaction(async () => {
    for (const statement of sql) await db.exec(statement);
  });
}

/**
 * "Off" on the built file itself, for files too big to copy (scale 1 is tens of GB): the analytics triggers are dropped
 * for the off rounds and put back from their stored SQL for the on rounds. Both sides then grow by all rounds' events,
 * and the off rounds' events are never counted (a bench file's figures, not a user's).
 */
export function analyticsOffInPlace(file: string): { off: () => Promise<number>; on: () => Promise<void> } {
  let taken: string[] = [];
  const withFile = async <T>(work: (db: Db) => Promise<T>): Promise<T> => {
    const db = openDatabase(file);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  };
  return {
    off: () => withFile(async (db) => (taken = await takeAnalyticsTriggers(db)).length),
    on: () =>
      withFile(async (db) => {
        await restoreTriggers(db, taken);
        taken = [];
      }),
  };
}

/**
 * A copy of the built file for the "off" side: the same rows, migrated, without analytics triggers (the JS hooks are
 * off by `ANALYTICS_ROLLUPS=off`). Each side then grows by its own events only. Returns how many triggers it dropped.
 */
export async function analyticsOffCopy(source: string, file: string): Promise<number> {
  removeDatabaseFile(file);
  copyFileSync(source, file);
  const db = openDatabase(file);
  try {
    return await dropAnalyticsTriggers(db);
  } finally {
    await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.close();
  }
}

export function removeDatabaseFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
