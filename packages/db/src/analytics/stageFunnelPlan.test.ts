import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../scripts/demoData/random';
import { openDatabase, type Db } from '../client';
import { MIGRATIONS } from '../testing/migrationsBefore';
import { randomStageHistory } from '../testing/stageRandomHistory';
import { refreshStageFunnel } from './stageFunnelRollup';
import { funnelWalks } from './stageFunnelWalk';

const CONFIG = { stages: ['visitor', 'lead', 'trial', 'customer', 'lost', 'churned'], churnStages: ['lost', 'churned'] };

type PlanRow = { id: number; parent: number; detail: string };
function planOf(db: Db, query: ReturnType<typeof funnelWalks>): PlanRow[] {
  const { sql, params } = new SQLiteSyncDialect().sqlToQuery(query);
  return db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as PlanRow[];
}

/** SQLite's plan for the walk's next-step lookup: the steps under its correlated subquery. */
function stepLookupPlan(db: Db, query: ReturnType<typeof funnelWalks>): string[] {
  const rows = planOf(db, query);
  const lookups = rows.filter((row) => row.detail.startsWith('CORRELATED SCALAR SUBQUERY'));
  expect(lookups).toHaveLength(1);
  return rows.filter((row) => row.parent === lookups[0]!.id).map((row) => row.detail);
}

const reach = (db: Db) => (db.$client.prepare('SELECT * FROM stage_funnel_reach').raw().all() as unknown[][]).map((row) => row.join('|')).sort();

describe('the stage funnel walk without statistics', () => {
  it.each(['dirty', 'all'] as const)('looks up each next step by customer on a fresh file (%s customers)', (customers) => {
    const db = openDatabase(':memory:');
    // A fresh install: no ANALYZE has run, so the planner has no statistics to tell the indexes apart.
    expect(db.$client.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'`).pluck().get()).toBe(0);
    // The next change into the step's stage is sought on the customer's own rows from the step before on, in order —
    // never among every customer's changes into that stage (stage_history_to_stage: quadratic in the history).
    expect(stepLookupPlan(db, funnelWalks(CONFIG, customers))).toEqual(['SEARCH h USING INDEX stage_history_customer (customer_id=? AND at>?)']);
    db.$client.close();
  });

  it('reads the marked customers’ entries by customer on a fresh file', () => {
    const db = openDatabase(':memory:');
    const reads = planOf(db, funnelWalks(CONFIG, 'dirty')).filter((row) => / h USING /.test(row.detail)).map((row) => row.detail);
    expect(reads).toContain('SEARCH h USING COVERING INDEX stage_history_path (customer_id=?)');
    expect(reads.filter((line) => !line.includes('stage_history_customer') && !line.includes('stage_history_path'))).toEqual([]);
    db.$client.close();
  });

  it('builds the same walks as migration 0036 shipped them (random histories)', () => {
    const shipped = readFileSync(join(MIGRATIONS, '0036_stage_funnel_rollup.sql'), 'utf8')
      .split('--> statement-breakpoint')
      .find((statement) => statement.includes('INSERT INTO `stage_funnel_reach`'))!;
    for (const seed of [1, 2]) {
      const db = openDatabase(':memory:');
      // Flushed now and then as the sweep does (the per-customer path), then once at the end.
      randomStageHistory(db, seededRandom(seed), { stages: CONFIG.stages, customers: 25, steps: 250, backfill: 0.2, refresh: () => refreshStageFunnel(db, CONFIG) });
      refreshStageFunnel(db, CONFIG);
      const walked = reach(db);
      expect(walked.length).toBeGreaterThan(50);
      // The 0036 statement reads the config from stage_funnel_state (written by the refresh); triggers held off.
      db.$client.exec(`UPDATE stage_funnel_state SET building = 1; DELETE FROM stage_funnel_reach; ${shipped}`);
      expect(reach(db)).toEqual(walked);
      db.$client.close();
    }
  });
});
