import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteAppOver } from '../access/openSqliteApp';
import { openDatabase, openSqliteFile, type Db } from '../client';
import { migrateSqlite } from '../migrateSqlite';
import { MIGRATIONS, migrationsBefore } from '../testing/migrationsBefore';
import { customerFilter } from './customerFacts';
import { conversionTotals } from './journeysConversions';
import { FILTERS, RANGES, randomHistory } from './journeysRandomHistory';
import { seededRandom } from '../../../../scripts/demoData/random';

// The converted-runs days of migration 0038 must give the summary the same converted and revenue figures as the
// converted runs themselves, through a random history (segment and channel moves, conversions removed, revenue
// changing after the fact, rows replaced), and the migration's backfill must build exactly what the triggers built.

let dir: string;
// The random history writes through the file's synchronous handle; the figures read through the app database on it.
let sqlite: Database.Database;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-conversion-days-'));
  sqlite = openSqliteFile(join(dir, 'test.db')).$client;
  db = sqliteAppOver(sqlite);
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

type Filter = { from: string; to: string; segmentId: string | null; channel: string | null };
const cents = (value: number) => Math.round(value * 100) / 100;

/** Converted and revenue per version straight from run_conversions and the run windows, the filter probed per row. */
async function directTotals(filter: Filter) {
  return (await db.rows<{ versionId: string; converted: number; revenue: number }>(sql`SELECT c.version_id AS versionId, count(*) AS converted, coalesce(sum(w.revenue), 0) AS revenue
    FROM run_conversions c LEFT JOIN journey_run_windows w ON w.workflow_id = c.workflow_id
    WHERE c.started_at >= ${filter.from} AND c.started_at < ${filter.to} AND ${customerFilter(sql`c.customer_id`, filter)}
    GROUP BY c.version_id ORDER BY c.version_id`)).map((row) => ({ ...row, revenue: cents(row.revenue) }));
}

async function rolledUpTotals(filter: Filter) {
  return (await conversionTotals(db, filter)).map((row) => ({ ...row, revenue: cents(row.revenue) })).sort((a, b) => a.versionId.localeCompare(b.versionId));
}

/** More churn on top of the history: conversions removed and recorded again, revenue moved, a row replaced in place. */
async function moreChurn(seed: number) {
  const random = seededRandom(seed);
  const workflows = await db.prepare('SELECT workflow_id FROM runs ORDER BY workflow_id').pluck().all<string>();
  for (let n = 0; n < 30; n += 1) {
    const workflowId = workflows[Math.floor(random() * workflows.length)]!;
    const run = (await db.prepare('SELECT journey_id AS j, version_id AS v, customer_id AS cu, started_at AS s FROM runs WHERE workflow_id = ?').get(workflowId)) as { j: string; v: string; cu: string; s: string };
    if (random() < 0.4) await db.prepare('DELETE FROM run_conversions WHERE workflow_id = ?').run(workflowId);
    await db.prepare('INSERT INTO run_conversions (workflow_id, journey_id, version_id, customer_id, started_at, converted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(workflowId, run.j, run.v, run.cu, run.s, new Date(Date.parse(run.s) + Math.floor(random() * 48) * 3_600_000).toISOString());
    if (random() < 0.3) await db.prepare('DELETE FROM journey_run_windows WHERE workflow_id = ?').run(workflowId);
    else await db.prepare('UPDATE journey_run_windows SET revenue = revenue + ? WHERE workflow_id = ?').run(Math.round(random() * 5_000) / 100, workflowId);
  }
  // A row written again over itself (0030's INSERT OR REPLACE path): counted once, with the new revenue.
  await db.exec(`INSERT OR REPLACE INTO journey_conversion_rows (filter_key, workflow_id, journey_id, version_id, customer_id, started_at, seconds, revenue)
    SELECT filter_key, workflow_id, journey_id, version_id, customer_id, started_at, seconds, revenue + 1 FROM journey_conversion_rows
    WHERE filter_key = '*' AND workflow_id IN (SELECT workflow_id FROM journey_run_windows) ORDER BY workflow_id LIMIT 3`);
  await db.exec(`UPDATE journey_run_windows SET revenue = revenue + 1 WHERE workflow_id IN
    (SELECT workflow_id FROM journey_conversion_rows WHERE filter_key = '*' AND workflow_id IN (SELECT workflow_id FROM journey_run_windows) ORDER BY workflow_id LIMIT 3)`);
}

/** The days as stored, leaving out days whose runs all went away again. */
async function storedDays() {
  return await db.prepare(`SELECT filter_key, day, version_id, journey_id, converted, round(revenue, 2) AS revenue FROM journey_conversion_days
    WHERE converted <> 0 ORDER BY filter_key, day, version_id`).all();
}

describe('converted runs per filter key and day (migration 0038)', () => {
  for (const seed of [11, 12, 13, 14]) {
    it(`give the same converted and revenue per version as the converted runs, for every filter and range (seed ${seed})`, async () => {
      randomHistory(sqlite, seed);
      await moreChurn(seed);
      expect(await db.prepare("SELECT count(*) FROM journey_conversion_days WHERE filter_key <> '*' AND converted > 0").pluck().get()).toBeGreaterThan(20);
      for (const range of [...RANGES, { from: '2025-06-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }]) {
        for (const customers of FILTERS) {
          const filter = { ...range, ...customers };
          expect(await rolledUpTotals(filter), JSON.stringify(filter)).toEqual(await directTotals(filter));
        }
      }
      // Every day row equals the converted runs it stands for, key by key (none negative, none left over).
      const regrouped = await db.prepare(`SELECT filter_key, substr(started_at, 1, 10) AS day, version_id, journey_id, count(*) AS converted, round(sum(revenue), 2) AS revenue
        FROM journey_conversion_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3`).all();
      expect(await storedDays()).toEqual(regrouped);
    });
  }

  it('read the converted runs themselves for a range that is not whole days', async () => {
    randomHistory(sqlite, 15);
    const filter = { from: '2026-01-10T12:00:00.000Z', to: '2026-02-03T06:30:00.000Z', segmentId: null, channel: 'google' };
    expect(await rolledUpTotals(filter)).toEqual(await directTotals(filter));
  });

  it('are rebuilt by the migration’s backfill exactly as the triggers built them', async () => {
    randomHistory(sqlite, 16);
    await moreChurn(16);
    const built = await storedDays();
    expect(built.length).toBeGreaterThan(50);
    await db.exec('DELETE FROM journey_conversion_days');
    const migration = readFileSync(new URL('../../migrations/0038_journey_conversion_days.sql', import.meta.url), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) if (statement.trim().startsWith('INSERT')) await db.exec(statement);
    expect(await storedDays()).toEqual(built);
  });

  it('are filled when an install from before 0038 upgrades', async () => {
    const { before, later } = migrationsBefore('0038_journey_conversion_days', dir);
    const old = new Database(join(dir, 'old.db'));
    migrateSqlite(old, before);
    randomHistory(old, 17);
    expect(migrateSqlite(old, MIGRATIONS).applied).toBe(later);
    old.close();
    await db.close();
    db = openDatabase(join(dir, 'old.db'));
    const days = await storedDays();
    expect(days.length).toBeGreaterThan(50);
    for (const customers of FILTERS) {
      const filter = { ...RANGES[0]!, ...customers };
      expect(await rolledUpTotals(filter), JSON.stringify(filter)).toEqual(await directTotals(filter));
    }
  }, 600_000);
});
