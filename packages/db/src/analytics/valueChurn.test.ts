import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from '@lifecycle/journey';
import { sql, type SQL } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db } from '../client';
import { upsertCustomer } from '../queries/customers';
import { changeStage } from '../queries/lifecycle';
import { addMembership, removeMemberships } from '../queries/segments';
import { customerFilter, recordCustomerFacts } from './customerFacts';
import { forgetCustomerAnalytics } from './forgetCustomer';
import { churnedInMonths, customersInStagesAtMonths, type ChurnStages } from './valueChurn';
import type { ValueFilter } from './valueQueries';
import { onPostgres, openTestDatabase } from '../testing/testDatabase';

const settings: AnalyticsSettings = { ...DEFAULT_ANALYTICS_SETTINGS, channelTrait: 'utm_source' };
// Two churn stages, so a customer entering both in one month must still count once.
const stages: ChurnStages = { customerStages: ['retention', 'advocacy'], churnStages: ['churned', 'lost'] };
const STAGES = ['lead', 'retention', 'advocacy', 'churned', 'lost'];
const MONTHS = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01'];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = Date.parse('2026-01-01T00:00:00.000Z');
const DAY = 86_400_000;

/**
 * Stage moves at random times (mostly forward, some backfilled into earlier months), segment joins and leaves,
 * first-touch channels found late or moved back, a customer's history moved to another (a merge) and one forgotten.
 */
async function randomHistory(db: Db, seed: number): Promise<void> {
  const next = random(seed);
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const customers = Array.from({ length: 60 }, (_, i) => `c${i}`);
  for (const id of customers) await upsertCustomer(db, id);
  const at = () => new Date(START + Math.floor(next() * 170 * DAY)).toISOString();
  for (let step = 0; step < 700; step++) {
    const customer = pick(customers);
    const roll = next();
    if (roll < 0.6) await changeStage(db, { customerId: customer, to: pick(STAGES), cause: 'test', at: at() });
    else if (roll < 0.72) await recordCustomerFacts(db, settings, { id: `e${step}`, type: 'page', name: null, customerId: customer, properties: next() < 0.7 ? { utm_source: pick(['google', 'facebook']) } : {}, traits: null, timestamp: at() });
    else if (roll < 0.88) await addMembership(db, pick(['seg_a', 'seg_b']), customer, at());
    else await removeMemberships(db, customer, [pick(['seg_a', 'seg_b'])]);
  }
}

/** A customer's history moved to another (a merge), one's deleted, one forgotten. */
async function rewriteHistory(db: Db): Promise<void> {
  await db.prepare(`UPDATE stage_history SET customer_id = 'c2' WHERE customer_id = 'c1'`).run();
  await db.prepare(`DELETE FROM stage_history WHERE customer_id = 'c4'`).run();
  await forgetCustomerAnalytics(db, 'c5');
}

const inList = (values: readonly string[]): SQL => sql`(${sql.join(values.map((value) => sql`${value}`), sql`, `)})`;

// The figures as computed before migration 0040, straight from stage_history (the previous valueChurn.ts).
async function directStartCustomers(db: Db, at: string, filter: ValueFilter): Promise<number> {
  const row = (await db.rows<{ members: number }>(sql`
    SELECT (SELECT count(*) FROM stage_history h WHERE h.to_stage IN ${inList(stages.customerStages)} AND h.at < ${at} AND ${customerFilter(sql`h.customer_id`, filter)})
         - (SELECT count(*) FROM stage_history h WHERE h.from_stage IN ${inList(stages.customerStages)} AND h.at < ${at} AND ${customerFilter(sql`h.customer_id`, filter)}) AS members`))[0];
  return row?.members ?? 0;
}
async function directChurned(db: Db, start: string, end: string, filter: ValueFilter): Promise<number> {
  const row = (await db.rows<{ churned: number }>(sql`
    SELECT count(DISTINCT h.customer_id) AS churned FROM stage_history h
    WHERE h.to_stage IN ${inList(stages.churnStages)} AND h.at >= ${start} AND h.at < ${end} AND ${customerFilter(sql`h.customer_id`, filter)}
      AND (SELECT p.to_stage FROM stage_history p WHERE p.customer_id = h.customer_id AND p.at < ${start} ORDER BY p.at DESC, p.id DESC LIMIT 1) IN ${inList(stages.customerStages)}`))[0];
  return row?.churned ?? 0;
}
const monthEnd = (month: string) => {
  const end = new Date(`${month}T00:00:00.000Z`);
  end.setUTCMonth(end.getUTCMonth() + 1);
  return end.toISOString();
};

const filters: ValueFilter[] = [
  { segmentId: null, channel: null }, { segmentId: 'seg_a', channel: null }, { segmentId: null, channel: 'google' }, { segmentId: 'seg_b', channel: 'facebook' }, { segmentId: 'seg_none', channel: null },
];

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-value-churn-'));
  db = openTestDatabase(join(dir, 'value.db'));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("predicted CLV's monthly churn rollups (migration 0040)", () => {
  it.each([1, 2, 3])('give the same customers at each month start and churned per month as the stage history (history %i)', async (seed) => {
    await randomHistory(db, seed);
    let churnedSeen = 0;
    for (const filter of filters) {
      const direct: { start: number; churned: number }[] = [];
      for (const month of MONTHS) direct.push({ start: await directStartCustomers(db, `${month}T00:00:00.000Z`, filter), churned: await directChurned(db, `${month}T00:00:00.000Z`, monthEnd(month), filter) });
      const starts = await customersInStagesAtMonths(db, stages.customerStages, MONTHS, filter);
      const churned = await churnedInMonths(db, stages, MONTHS, filter);
      expect(MONTHS.map((_, i) => ({ start: starts[i], churned: churned[i] })), JSON.stringify(filter)).toEqual(direct);
      churnedSeen += direct.reduce((sum, month) => sum + month.churned, 0);
    }
    expect(churnedSeen).toBeGreaterThan(5);
    // History rewritten under the rollups (the unfiltered start counts come from stage_flow_daily, which keeps a
    // forgotten customer's moves as the stage charts do, so only the churn counts are compared here).
    await rewriteHistory(db);
    for (const filter of filters) {
      const direct: number[] = [];
      for (const month of MONTHS) direct.push(await directChurned(db, `${month}T00:00:00.000Z`, monthEnd(month), filter));
      expect(await churnedInMonths(db, stages, MONTHS, filter), JSON.stringify(filter)).toEqual(direct);
    }
  });

  // SQLite's migration text (backticks, INSERT OR IGNORE): a Postgres install starts with every migration applied.
  it.skipIf(onPostgres())("backfill from the stored rows equals what the triggers kept (an existing install's upgrade)", async () => {
    await randomHistory(db, 4);
    await rewriteHistory(db);
    const contents = async () => [
      await db.prepare('SELECT * FROM customer_stage_months ORDER BY 1, 2').all(),
      await db.prepare('SELECT * FROM value_churn_scopes WHERE customers <> 0 ORDER BY 1, 2, 3, 4, 5').all(),
    ];
    const kept = await contents();
    expect(kept[0]!.length).toBeGreaterThan(50);
    await db.prepare('DELETE FROM customer_stage_months').run();
    await db.prepare('DELETE FROM value_churn_scopes').run();
    const migration = readFileSync(fileURLToPath(new URL('../../migrations/0040_value_churn_months.sql', import.meta.url)), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint').filter((text) => /^\s*(--[^\n]*\n\s*)*INSERT/.test(text))) await db.exec(statement);
    expect(await contents()).toEqual(kept);
  });
});
