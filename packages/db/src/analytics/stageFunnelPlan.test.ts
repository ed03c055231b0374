import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../scripts/demoData/random';
import { type Db } from '../client';
import { MIGRATIONS } from '../testing/migrationsBefore';
import { randomStageHistory } from '../testing/stageRandomHistory';
import { refreshStageFunnel } from './stageFunnelRollup';
import { funnelWalks } from './stageFunnelWalk';
import { openTestDatabase, onPostgres } from '../testing/testDatabase';

const CONFIG = { stages: ['visitor', 'lead', 'trial', 'customer', 'lost', 'churned'], churnStages: ['lost', 'churned'] };

type PlanRow = { id: number; parent: number; detail: string };
async function planOf(db: Db, query: ReturnType<typeof funnelWalks>): Promise<PlanRow[]> {
  const { sql, params } = new SQLiteSyncDialect().sqlToQuery(query);
  return await db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all<PlanRow>(...params);
}

/** SQLite's plan for the walk's next-step lookup: the steps under its correlated subquery. */
async function stepLookupPlan(db: Db, query: ReturnType<typeof funnelWalks>): Promise<string[]> {
  const rows = await planOf(db, query);
  const lookups = rows.filter((row) => row.detail.startsWith('CORRELATED SCALAR SUBQUERY'));
  expect(lookups).toHaveLength(1);
  return rows.filter((row) => row.parent === lookups[0]!.id).map((row) => row.detail);
}

const reach = async (db: Db) => (await db.prepare('SELECT * FROM stage_funnel_reach').raw().all()).map((row) => row.join('|')).sort();

// SQLite only: SQLite's query planner without ANALYZE.
describe.skipIf(onPostgres())('the stage funnel walk without statistics', () => {
  it.each(['dirty', 'all'] as const)('looks up each next step by customer on a fresh file (%s customers)', async (customers) => {
    const db = openTestDatabase(':memory:');
    // A fresh install: no ANALYZE has run, so the planner has no statistics to tell the indexes apart.
    expect(await db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'`).pluck().get()).toBe(0);
    // The next change into the step's stage is sought on the customer's own rows from the step before on, in order —
    // never among every customer's changes into that stage (stage_history_to_stage: quadratic in the history).
    expect(await stepLookupPlan(db, funnelWalks(db, CONFIG, customers))).toEqual(['SEARCH h USING INDEX stage_history_customer (customer_id=? AND at>?)']);
    await db.close();
  });

  it('reads the marked customers’ entries by customer on a fresh file', async () => {
    const db = openTestDatabase(':memory:');
    const reads = (await planOf(db, funnelWalks(db, CONFIG, 'dirty'))).filter((row) => / h USING /.test(row.detail)).map((row) => row.detail);
    expect(reads).toContain('SEARCH h USING COVERING INDEX stage_history_path (customer_id=?)');
    expect(reads.filter((line) => !line.includes('stage_history_customer') && !line.includes('stage_history_path'))).toEqual([]);
    await db.close();
  });

  it('builds the same walks as migration 0036 shipped them (random histories)', async () => {
    const shipped = readFileSync(join(MIGRATIONS, '0036_stage_funnel_rollup.sql'), 'utf8')
      .split('--> statement-breakpoint')
      .find((statement) => statement.includes('INSERT INTO `stage_funnel_reach`'))!;
    for (const seed of [1, 2]) {
      const db = openTestDatabase(':memory:');
      // Flushed now and then as the sweep does (the per-customer path), then once at the end.
      await randomStageHistory(db, seededRandom(seed), { stages: CONFIG.stages, customers: 25, steps: 250, backfill: 0.2, refresh: async () => await refreshStageFunnel(db, CONFIG) });
      await refreshStageFunnel(db, CONFIG);
      const walked = await reach(db);
      expect(walked.length).toBeGreaterThan(50);
      // The 0036 statement reads the config from stage_funnel_state (written by the refresh); triggers held off.
      await db.exec(`UPDATE stage_funnel_state SET building = 1; DELETE FROM stage_funnel_reach; ${shipped}`);
      expect(await reach(db)).toEqual(walked);
      await db.close();
    }
  });
});
