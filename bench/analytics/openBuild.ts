import { existsSync, rmSync } from 'node:fs';
import { openDatabase, type Db } from '@lifecycle/db';
import { describeProgress, ensureProgressTable, readProgress, writeProgress, type BuildConfig } from './buildProgress';

/**
 * Opens (creates and migrates) the bench database for building. Durability is traded for speed only where a killed
 * process cannot hurt: no fsync (the OS keeps what was written when the process dies), but a rollback journal on
 * disk, so a kill mid-chunk rolls that chunk back when the file is next opened (an in-memory journal would leave the
 * file corrupt). The API's openDatabase puts the file back in WAL mode when it opens it.
 */
async function openForBuild(file: string): Promise<Db> {
  const db = openDatabase(file);
  await db.exec('PRAGMA synchronous = OFF');
  await db.exec('PRAGMA journal_mode = TRUNCATE');
  // ~3 GB of page cache: the events indexes keyed by time or message id take inserts all over a 20M-row tree.
  await db.exec('PRAGMA cache_size = -3000000');
  await db.exec('PRAGMA temp_store = memory');
  await ensureProgressTable(db);
  return db;
}

const migrationsApplied = async (db: Db) => (await db.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()) as number;

/** What `file` holds: nothing yet (a new build), a build to continue, or a finished one. */
export type BuildStart = { db: Db; config: BuildConfig; state: 'new' | 'resume' | 'finished' };

/**
 * Opens `file` to build `seed` at `scale` (ending at `now`, which a stopped build keeps from its start): a new file starts a build; a file holding a stopped build of the same seed
 * and scale continues it; a finished one is only timed. A file killed during setup (before it recorded its config) is
 * built again from scratch; any other file is refused rather than overwritten.
 */
export async function openBuild(file: string, wanted: Omit<BuildConfig, 'migrations'>): Promise<BuildStart> {
  const { seed, scale, rollups } = wanted;
  if (existsSync(file)) {
    const db = await openForBuild(file);
    const config = await readProgress<BuildConfig>(db, 'config');
    if (config === undefined) {
      const customers = (await db.prepare('SELECT count(*) FROM customers').pluck().get()) as number;
      if ((await readProgress(db, 'started')) === undefined && customers > 0) throw new Error(`${file} holds data but no bench build record: not resumable (remove it, or time it with --reuse)`);
      await db.close();
      console.log(`${file} was stopped during setup: building it again`);
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      return await openBuild(file, wanted);
    }
    if (config.seed !== seed || config.scale !== scale || config.rollups !== rollups) throw new Error(`${file} holds a build of --seed ${config.seed} --scale ${config.scale} (rollups ${config.rollups}), not --seed ${seed} --scale ${scale} (rollups ${rollups})`);
    const migrations = await migrationsApplied(db);
    if (config.migrations !== migrations) throw new Error(`${file} was started under ${config.migrations} migrations and now has ${migrations}: a resumed build would mix schemas; build it again`);
    if ((await readProgress(db, 'finished')) !== undefined) return { db, config, state: 'finished' };
    console.log(`resuming ${file} (built so far: ${await describeProgress(db)})`);
    return { db, config, state: 'resume' };
  }
  const db = await openForBuild(file);
  await writeProgress(db, 'started', { at: new Date().toISOString() });
  return { db, config: { ...wanted, migrations: await migrationsApplied(db) }, state: 'new' };
}

/** Marks a finished file as an ordinary database again (WAL, as the API opens it) and closes it. */
export async function closeBuild(db: Db): Promise<void> {
  await db.exec('PRAGMA journal_mode = WAL');
  await db.close();
}
