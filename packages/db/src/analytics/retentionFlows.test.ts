import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AnalyticsSettings, type AnalyticsInterval } from '@lifecycle/journey';
import { describe, expect, it } from 'vitest';
import { sqliteAppOver } from '../access/openSqliteApp';
import { type Db } from '../client';
import { migrateSqlite } from '../migrateSqlite';
import { deleteCustomerRows } from '../queries/customerProfile';
import { changeStage } from '../queries/lifecycle';
import { MIGRATIONS, migrationsBefore } from '../testing/migrationsBefore';
import { saveAnalyticsSettings } from './settings';
import { rebuildInactivityChurns, recordActiveDay } from './retentionChurnRollup';
import { customerPeriods } from './retentionCustomers';
import { customerPeriodsDirect } from './retentionCustomersDirect';
import { syncRetentionStageRoles } from './retentionFlows';
import { seededRandom } from '../../../../scripts/demoData/random';
import { openTestDatabase } from '../testing/testDatabase';

const STAGES = ['lead', 'trial', 'retention', 'advocacy', 'at_risk', 'churned', 'won_back'];
const SEGMENTS = ['seg_a', 'seg_b'];
const CHANNELS = ['ads', 'news', null];
const NOW = new Date('2026-05-20T12:00:00.000Z');
const INTERVALS: AnalyticsInterval[] = ['day', 'week', 'month'];

const pickOf = <T>(random: () => number, values: readonly T[]) => values[Math.floor(random() * values.length)]!;

/** Jan–Jun 2026; one in eight exactly at midnight (a period bound), so "before the bound" is exercised. */
function instant(random: () => number): string {
  const day = Date.UTC(2026, 0, 1) + Math.floor(random() * 170) * 86_400_000;
  return new Date(random() < 0.125 ? day : day + Math.floor(random() * 86_400_000)).toISOString();
}

/**
 * A random history written as the product writes it, in a random order: stage changes now and backfilled (raw rows
 * out of time order, equal timestamps, moves back and forth between customer, churn and other stages), memberships
 * joined and left, first-touch channels found and changed, active days with their inactivity churns, deletions.
 */
async function randomHistory(db: Db, random: () => number, customers: number, steps: number, inactivityDays: number, prefix = 'c'): Promise<void> {
  await db.transaction(async () => await writeHistory(db, random, customers, steps, inactivityDays, prefix));
}

async function writeHistory(db: Db, random: () => number, customers: number, steps: number, inactivityDays: number, prefix: string): Promise<void> {
  const ids = Array.from({ length: customers }, (_, i) => `${prefix}${i}`);
  for (const id of ids) await db.prepare('INSERT INTO customers (id) VALUES (?)').run(id);
  for (let step = 0; step < steps; step += 1) {
    const id = pickOf(random, ids);
    const roll = random();
    const at = instant(random);
    if (roll < 0.3) await changeStage(db, { customerId: id, to: pickOf(random, STAGES), cause: 'test', at });
    else if (roll < 0.5) {
      const from = random() < 0.2 ? null : pickOf(random, STAGES);
      await db.prepare('INSERT INTO stage_history (customer_id, from_stage, to_stage, cause, at) VALUES (?, ?, ?, ?, ?)').run(id, from, pickOf(random, STAGES), 'backfill', at);
    } else if (roll < 0.6) await db.prepare('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(pickOf(random, SEGMENTS), id, at);
    else if (roll < 0.65) await db.prepare('DELETE FROM segment_memberships WHERE customer_id = ? AND segment_id = ?').run(id, pickOf(random, SEGMENTS));
    else if (roll < 0.72)
      await db
        .prepare('INSERT INTO customer_facts (customer_id, first_seen_at, channel) VALUES (?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET channel = excluded.channel')
        .run(id, at, pickOf(random, CHANNELS));
    else if (roll < 0.97) {
      const day = at.slice(0, 10);
      if ((await db.prepare(`INSERT INTO customer_active_periods (customer_id, interval, period) VALUES (?, 'day', ?) ON CONFLICT DO NOTHING`).run(id, day)).changes > 0) await recordActiveDay(db, id, day, inactivityDays);
    } else if (roll < 0.98) await db.prepare('DELETE FROM stage_history WHERE id = (SELECT max(id) FROM stage_history WHERE customer_id = ?)').run(id);
    else if (ids.length > customers / 2) {
      await deleteCustomerRows(db, id);
      ids.splice(ids.indexOf(id), 1);
    }
  }
}

function settingsWith(change: Partial<AnalyticsSettings>): AnalyticsSettings {
  return AnalyticsSettings.parse({ customerStages: ['retention', 'advocacy', 'at_risk'], churnStages: ['churned'], churnInactivityDays: 14, ...change });
}

/** Both computations over random ranges, every grain, every filter combination. */
async function expectSameFigures(db: Db, settings: AnalyticsSettings, random: () => number, ranges: number): Promise<void> {
  for (let n = 0; n < ranges; n += 1) {
    const a = instant(random);
    const b = instant(random);
    const interval = pickOf(random, INTERVALS);
    const [from, to] = a < b ? [a, b] : [b, a];
    if (interval === 'day' && Date.parse(to) - Date.parse(from) > 40 * 86_400_000) continue;
    for (const segmentId of [null, ...SEGMENTS])
      for (const channel of [null, 'ads', 'news']) {
        const range = { from, to, interval, segmentId, channel };
        expect(await customerPeriods(db, settings, range, NOW), JSON.stringify(range)).toEqual(await customerPeriodsDirect(db, settings, range, NOW));
      }
  }
}

describe('retention flows (CRR and churn per period from the per-scope rollup)', () => {
  it('equal the direct computation from stage history over random histories, ranges, grains and filters', async () => {
    const db = openTestDatabase(':memory:');
    const random = seededRandom(39);
    let settings = settingsWith({});
    await saveAnalyticsSettings(db, settings);
    await syncRetentionStageRoles(db, settings);
    await randomHistory(db, random, 60, 2500, 14);
    const figures = await customerPeriods(db, settings, { from: '2026-01-01T00:00:00.000Z', to: '2026-06-30T00:00:00.000Z', interval: 'month', segmentId: null, channel: null }, NOW);
    // The history is rich enough to mean something: customers join, leave and churn both ways.
    expect(figures.some((period) => period.new > 0 && period.retained < period.start)).toBe(true);
    expect(figures.some((period) => period.churnedToStage > 0 && period.churnedInactive > 0)).toBe(true);
    await expectSameFigures(db, settings, random, 25);

    // An admin changes the customer and churn stages (a stage in both lists too): everything is rebuilt under them.
    settings = settingsWith({ customerStages: ['retention', 'won_back', 'churned'], churnStages: ['churned', 'at_risk'] });
    await saveAnalyticsSettings(db, settings);
    expect(await syncRetentionStageRoles(db, settings)).toBe(true);
    expect(await syncRetentionStageRoles(db, settings)).toBe(false);
    await expectSameFigures(db, settings, random, 15);

    // Then the inactivity limit, and more history on top of the rebuilt rollup.
    settings = settingsWith({ ...settings, churnInactivityDays: 5 });
    await db.transaction(async () => await rebuildInactivityChurns(db, 5));
    await randomHistory(db, random, 30, 600, 5, 'd');
    await expectSameFigures(db, settings, random, 15);
    await expectSameFigures(db, settingsWith({ ...settings, churnInactivityDays: null }), random, 5);
    await db.close();
  }, 600_000);

  it('migration 0039 fills from the rows already stored exactly what the live triggers build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-0039-'));
    const { before, later } = migrationsBefore('0039_retention_flows', dir);
    const { db: old, sqlite: oldFile } = openDatabaseAt(join(dir, 'old.db'), before);
    const settings = settingsWith({ customerStages: ['retention', 'advocacy'], churnStages: ['churned', 'at_risk'] });
    await saveAnalyticsSettings(old, settings);
    await randomHistory(old, seededRandom(7), 80, 2000, 14);
    expect(migrateSqlite(oldFile, MIGRATIONS).applied).toBe(later);

    // The same history through the live triggers: the same random sequence, on a file with every migration.
    const live = openTestDatabase(':memory:');
    await saveAnalyticsSettings(live, settings);
    await syncRetentionStageRoles(live, settings);
    await randomHistory(live, seededRandom(7), 80, 2000, 14);

    const rows = async (db: Db, table: string) =>
      (await db.prepare(`SELECT * FROM ${table}`).raw().all())
        .filter((row) => table !== 'retention_scope_periods' || row.slice(5).some((count) => count !== 0))
        .map((row) => row.join('|'))
        .sort();
    for (const table of ['retention_stage_roles', 'retention_customer_periods', 'retention_scope_periods']) {
      expect((await rows(old, table)).length, table).toBeGreaterThan(table === 'retention_stage_roles' ? 3 : 100);
      expect(await rows(old, table), table).toEqual(await rows(live, table));
    }
    await old.close();
    await live.close();
    rmSync(dir, { recursive: true, force: true });
  }, 600_000);
});

/**
 * A file with only the migrations of `folder` applied (an install from before 0039; openDatabase would apply all): the
 * app database on it, and its synchronous handle for the later migrations.
 */
function openDatabaseAt(file: string, folder: string): { db: Db; sqlite: Database.Database } {
  const sqlite = new Database(file);
  sqlite.pragma('foreign_keys = ON');
  migrateSqlite(sqlite, folder);
  return { db: sqliteAppOver(sqlite), sqlite };
}
