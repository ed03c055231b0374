import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type Db } from '../client';
import { migrateSqlite } from '../migrateSqlite';
import { MIGRATIONS, migrationsBefore } from '../testing/migrationsBefore';
import { seededRandom } from '../../../../scripts/demoData/random';
import { randomStageHistory } from '../testing/stageRandomHistory';
import { tempDirectory } from '../testing/tempDatabase';
import { refreshStageFunnel } from './stageFunnelRollup';
import { onPostgres, openTestDatabase } from '../testing/testDatabase';

const CONFIG = { stages: ['visitor', 'lead', 'trial', 'customer', 'lost', 'churned'], churnStages: ['lost', 'churned'] };
const COPIED = ['customers', 'customer_facts', 'segment_memberships', 'stage_history', 'lifecycle_settings', 'analytics_settings'];

/** Both funnel tables, rows with a zero count left out. */
async function stored(db: Db): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of ['stage_funnel_reach', 'stage_funnel_keyed']) {
    const rows = (await db.prepare(`SELECT * FROM ${table}`).raw().all()) as (string | number)[][];
    tables[table] = rows.filter((row) => row.at(-1) !== 0).map((row) => row.join('|')).sort();
  }
  return tables;
}

describe('migration 0036 (stage funnel walks)', () => {
  // An upgrade of a SQLite install through SQLite's migrations (a Postgres install starts with every migration applied).
  it.skipIf(onPostgres())('backfills from the stored rows exactly what the live triggers and refreshes built', async () => {
    const scratch = tempDirectory('0036');
    const db = openTestDatabase(scratch.file('live.db'));
    await db.prepare(`INSERT INTO lifecycle_settings (id, config) VALUES ('default', ?)`).run(JSON.stringify({ stages: CONFIG.stages, rules: [] }));
    await db.prepare(`INSERT INTO analytics_settings (id, config) VALUES ('default', ?)`).run(JSON.stringify({ churnStages: CONFIG.churnStages }));
    await randomStageHistory(db, seededRandom(36), { stages: CONFIG.stages, customers: 150, steps: 1500, backfill: 0.1, refresh: async () => await refreshStageFunnel(db, CONFIG) });
    await refreshStageFunnel(db, CONFIG);
    const live = await stored(db);
    expect(live.stage_funnel_keyed!.filter((row) => !row.startsWith('||')).length).toBeGreaterThan(100);
    expect(live.stage_funnel_reach!.some((row) => row.split('|')[2] === 'lost')).toBe(true);
    await db.close();

    // The same rows in an install from before 0036, upgraded: the backfill reads the saved stage order and churn stages.
    const { before, later } = migrationsBefore('0036_stage_funnel_rollup', scratch.dir);
    const old = new Database(scratch.file('old.db'));
    migrateSqlite(old, before);
    old.exec(`ATTACH '${scratch.file('live.db')}' AS live`);
    for (const table of COPIED) {
      // The columns the older install has (later migrations add some to these tables).
      const columns = (old.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).join(', ');
      old.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM live.${table}`);
    }
    old.exec('DETACH live');
    expect(migrateSqlite(old, MIGRATIONS).applied).toBe(later);
    old.close();
    // Read back through the app database (the file is migrated already: opening it applies nothing).
    const upgraded = openTestDatabase(scratch.file('old.db'));
    expect(await stored(upgraded)).toEqual(live);
    await upgraded.close();
    scratch.remove();
  }, 300_000);
});
