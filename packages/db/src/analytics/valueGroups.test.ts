import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from '@lifecycle/journey';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../scripts/demoData/random';
import { type Db } from '../client';
import { deleteCustomerRows } from '../queries/customerProfile';
import { upsertCustomer } from '../queries/customers';
import { changeStage } from '../queries/lifecycle';
import { addMembership, insertSegment, removeMemberships } from '../queries/segments';
import { customerFilter, recordCustomerFacts } from './customerFacts';
import { forgetCustomerAnalytics } from './forgetCustomer';
import type { AnalyticsEvent } from './rollupEvent';
import { clvByCohort, clvBySegment, clvByStage } from './valueGroups';
import type { ValueFilter } from './valueQueries';
import { recordValueEvent } from './valueRollup';
import { topCustomersByClv } from './valueTopCustomers';
import { onPostgres, openTestDatabase } from '../testing/testDatabase';

const settings: AnalyticsSettings = {
  ...DEFAULT_ANALYTICS_SETTINGS,
  channelTrait: 'utm_source',
  revenue: { ...DEFAULT_ANALYTICS_SETTINGS.revenue, events: ['purchase'], rates: { GBP: 1.25 } },
};
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');
const STAGES = ['lead', 'retention', 'advocacy', 'churned'];
const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];

/**
 * Through the functions ingest and the app call: customers created (some with a stage), events that set or move back
 * first seen and name a first-touch channel late, purchases in USD/GBP/EUR and refunds, stage moves, segment joins and
 * leaves, then a customer's analytics forgotten, one deleted with their history and one deleted keeping it.
 */
async function randomHistory(db: Db, seed: number): Promise<void> {
  const next = seededRandom(seed);
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  for (const id of SEGMENTS) await insertSegment(db, { id, name: `Segment ${id.slice(-1).toUpperCase()}`, description: null, definition: { all: [] } });
  const customers = Array.from({ length: 70 }, (_, i) => `c${i}`);
  const at = () => new Date(START + Math.floor(next() * 150 * DAY)).toISOString();
  const event = (customerId: string, name: string | null, properties: Record<string, unknown>): AnalyticsEvent => ({
    id: `e${Math.floor(next() * 1e12)}`, type: name === null ? 'page' : 'track', name, customerId, properties, traits: null, timestamp: at(),
  });
  const store = async (e: AnalyticsEvent) => {
    await recordCustomerFacts(db, settings, e);
    await recordValueEvent(db, settings, e);
  };
  for (const id of customers) await upsertCustomer(db, id, next() < 0.5 ? { lifecycleStage: pick(STAGES) } : {});
  for (let step = 0; step < 900; step++) {
    const customer = pick(customers);
    const roll = next();
    if (roll < 0.35) await store(event(customer, 'purchase', { revenue: Math.round((next() < 0.1 ? -50 : 200) * next() * 100) / 100, currency: pick(['USD', 'USD', 'GBP', 'EUR']) }));
    else if (roll < 0.5) await store(event(customer, null, next() < 0.5 ? { utm_source: pick(['google', 'facebook']) } : {}));
    else if (roll < 0.68) await changeStage(db, { customerId: customer, to: pick(STAGES), cause: 'test', at: at() });
    else if (roll < 0.86) await addMembership(db, pick(SEGMENTS), customer, at());
    else await removeMemberships(db, customer, [pick(SEGMENTS)]);
  }
  await forgetCustomerAnalytics(db, 'c3');
  await deleteCustomerRows(db, 'c5');
  await deleteCustomerRows(db, 'c8', { keepHistory: true });
}

// The figures as computed before migration 0045, straight from the per-customer rows (the previous valueClv.ts).
async function directCohorts(db: Db, range: ValueFilter & { from: string; to: string }) {
  return await db.rows(sql`
    SELECT substr(x.first_seen_at, 1, 7) AS "group", count(*) AS customers, coalesce(sum(v.revenue), 0) AS revenue
    FROM customer_facts x LEFT JOIN customer_value v ON v.customer_id = x.customer_id
    WHERE x.first_seen_at >= ${range.from} AND x.first_seen_at < ${range.to} AND ${customerFilter(sql`x.customer_id`, range)}
    GROUP BY "group" ORDER BY "group"`);
}
async function directStages(db: Db, filter: ValueFilter) {
  return await db.rows(sql`
    SELECT coalesce(c.lifecycle_stage, '(none)') AS "group", count(*) AS customers, coalesce(sum(v.revenue), 0) AS revenue
    FROM customers c LEFT JOIN customer_value v ON v.customer_id = c.id
    WHERE ${customerFilter(sql`c.id`, filter)} GROUP BY c.lifecycle_stage ORDER BY c.lifecycle_stage NULLS FIRST`);
}
async function directSegments(db: Db, filter: ValueFilter) {
  return await db.rows(sql`
    SELECT s.name AS "group", count(*) AS customers, coalesce(sum(v.revenue), 0) AS revenue
    FROM segment_memberships m JOIN segments s ON s.id = m.segment_id LEFT JOIN customer_value v ON v.customer_id = m.customer_id
    WHERE ${customerFilter(sql`m.customer_id`, filter)} GROUP BY m.segment_id, s.name ORDER BY s.name LIMIT 200`);
}
async function directTop(db: Db, filter: ValueFilter, limit: number) {
  return await db.rows(sql`
    SELECT v.customer_id AS customerId, v.revenue AS revenue, v.orders AS orders, v.last_purchase_at AS lastPurchaseAt
    FROM customer_value v WHERE ${customerFilter(sql`v.customer_id`, filter)} ORDER BY v.revenue DESC, v.customer_id LIMIT ${limit}`);
}

const close = (value: unknown) => JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v))) as unknown;
const groups = (rows: { group: string; customers: number; revenue: number }[]) => close(rows.map(({ group, customers, revenue }) => ({ group, customers, revenue })));
const filters: ValueFilter[] = [
  { segmentId: null, channel: null }, { segmentId: 'seg_a', channel: null }, { segmentId: null, channel: 'google' }, { segmentId: 'seg_b', channel: 'facebook' },
  { segmentId: 'seg_none', channel: null }, { segmentId: null, channel: 'tiktok' },
];
const ranges = [
  { from: '2026-01-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' },
  { from: '2026-01-14T00:00:00.000Z', to: '2026-04-03T00:00:00.000Z' },
];

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-value-groups-'));
  db = openTestDatabase(join(dir, 'value.db'));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The rollup's rows, rounded (it adds differences, the backfill sums once), without the rows that emptied out. */
const rollupRows = async (db: Db) => close(await db.prepare('SELECT * FROM value_group_revenue WHERE customers <> 0 OR abs(revenue) > 1e-6 ORDER BY 1, 2, 3, 4').all());

/** Empties the rollup and runs the migration's backfill statements, as an existing install's upgrade does. */
async function backfill(db: Db): Promise<void> {
  await db.prepare('DELETE FROM value_group_revenue').run();
  const migration = readFileSync(fileURLToPath(new URL('../../migrations/0045_value_group_revenue.sql', import.meta.url)), 'utf8');
  for (const statement of migration.split('--> statement-breakpoint').filter((text) => /^\s*(--[^\n]*\n\s*)*INSERT/.test(text))) await db.exec(statement);
}

describe('historical CLV per group (migration 0045) and top customers', () => {
  // One history per case checks both the triggers (figures == the per-customer rows) and the backfill (== the triggers).
  it.each([1, 2])('give the same groups and top customers as the per-customer rows for every filter, and the backfill the same rows (history %i)', async (seed) => {
    await randomHistory(db, seed);
    let segmentGroups = 0;
    for (const filter of filters) {
      const label = JSON.stringify(filter);
      for (const range of ranges) expect(groups(await clvByCohort(db, { ...range, ...filter })), label).toEqual(close(await directCohorts(db, { ...range, ...filter })));
      expect(groups(await clvByStage(db, filter)), label).toEqual(close(await directStages(db, filter)));
      expect(groups(await clvBySegment(db, filter)), label).toEqual(close(await directSegments(db, filter)));
      segmentGroups += (await clvBySegment(db, filter)).length;
      // A small page walks the CLV order probing the filter, a large one sorts the filter's customers: both plans.
      for (const limit of [3, 200]) expect(close(await topCustomersByClv(db, filter, limit)), `${label} ${limit}`).toEqual(close(await directTop(db, filter, limit)));
    }
    expect(segmentGroups).toBeGreaterThan(6);
    const kept = await rollupRows(db);
    expect((kept as unknown[]).length).toBeGreaterThan(100);
    // The backfill is SQLite's migration text (INSERT OR REPLACE): a Postgres install starts with every migration applied.
    if (onPostgres()) return;
    await backfill(db);
    expect(await rollupRows(db)).toEqual(kept);
  });
});
