import { existsSync, rmSync } from 'node:fs';
import { openDatabase, type Db } from '@lifecycle/db';
import { describeProgress, ensureProgressTable, readProgress, writeProgress, type BuildConfig } from './buildProgress';

/**
 * Opens (creates and migrates) the bench database for building. Durability is traded for speed only where a killed
 * process cannot hurt: no fsync (the OS keeps what was written when the process dies), but a rollback journal on
 * disk, so a kill mid-chunk rolls that chunk back when the file is next opened (an in-memory journal would leave the
 * file corrupt). The API's openDatabase puts the file back in WAL mode when it opens it.
 */
function openForBuild(file: string): Db {
  const db = openDatabase(file);
  db.$client.pragma('synchronous = OFF');
  db.$client.pragma('journal_mode = TRUNCATE');
  // ~3 GB of page cache: the events indexes keyed by time or message id take inserts all over a 20M-row tree.
  db.$client.pragma('cache_size = -3000000');
  db.$client.pragma('temp_store = memory');
  ensureProgressTable(db);
  return db;
}

const migrationsApplied = (db: Db) => db.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number;

/** What `file` holds: nothing yet (a new build), a build to continue, or a finished one. */
export type BuildStart = { db: Db; config: BuildConfig; state: 'new' | 'resume' | 'finished' };

/**
 * Opens `file` to build `seed` at `scale` (ending at `now`, which a stopped build keeps from its start): a new file starts a build; a file holding a stopped build of the same seed
 * and scale continues it; a finished one is only timed. A file killed during setup (before it recorded its config) is
 * built again from scratch; any other file is refused rather than overwritten.
 */
export function openBuild(file: string, wanted: Omit<BuildConfig, 'migrations'>): BuildStart {
  const { seed, scale, rollups } = wanted;
  if (existsSync(file)) {
    const db = openForBuild(file);
    const config = readProgress<BuildConfig>(db, 'config');
    if (config === undefined) {
      const customers = db.$client.prepare('SELECT count(*) FROM customers').pluck().get() as number;
      if (readProgress(db, 'started') === undefined && customers > 0) throw new Error(`${file} holds data but no bench build record: not resumable (remove it, or time it with --reuse)`);
      db.$client.close();
      console.log(`${file} was stopped during setup: building it again`);
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      return openBuild(file, wanted);
    }
    if (config.seed !== seed || config.scale !== scale || config.rollups !== rollups) throw new Error(`${file} holds a build of --seed ${config.seed} --scale ${config.scale} (rollups ${config.rollups}), not --seed ${seed} --scale ${scale} (rollups ${rollups})`);
    if (config.migrations !== migrationsApplied(db)) throw new Error(`${file} was started under ${config.migrations} migrations and now has ${migrationsApplied(db)}: a resumed build would mix schemas; build it again`);
    if (readProgress(db, 'finished') !== undefined) return { db, config, state: 'finished' };
    console.log(`resuming ${file} (built so far: ${describeProgress(db)})`);
    return { db, config, state: 'resume' };
  }
  const db = openForBuild(file);
  writeProgress(db, 'started', { at: new Date().toISOString() });
  return { db, config: { ...wanted, migrations: migrationsApplied(db) }, state: 'new' };
}

/** Marks a finished file as an ordinary database again (WAL, as the API opens it) and closes it. */
export function closeBuild(db: Db): void {
  db.$client.pragma('journal_mode = WAL');
  db.$client.close();
}
