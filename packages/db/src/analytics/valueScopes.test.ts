import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsInterval, type AnalyticsSettings } from '@lifecycle/journey';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db } from '../client';
import { addMembership, removeMemberships } from '../queries/segments';
import { customerFilter, recordCustomerFacts } from './customerFacts';
import { forgetCustomerAnalytics } from './forgetCustomer';
import type { AnalyticsEvent } from './rollupEvent';
import { acquiredByMonthAndChannel } from './spendQueries';
import { channelMonths } from './valueChannels';
import { customersSeenBefore, revenueByPeriod, revenueTotals, unconvertedRevenue, type ValueFilter, type ValueRange } from './valueQueries';
import { recordValueEvent } from './valueRollup';
import { onPostgres, openTestDatabase } from '../testing/testDatabase';

const settings: AnalyticsSettings = {
  ...DEFAULT_ANALYTICS_SETTINGS,
  channelTrait: 'utm_source',
  revenue: { ...DEFAULT_ANALYTICS_SETTINGS.revenue, events: ['purchase'], rates: { GBP: 1.25 } },
};

/** A seeded generator, so a failure names the history that broke. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');

/**
 * A random history through the per-event hooks as ingest calls them (facts first, then value): customers first seen
 * on random days, some backfilled earlier, channels named late or never, purchases in USD, GBP (converted) and EUR
 * (no rate), segment entries and exits in between, and two customers forgotten.
 */
async function randomHistory(db: Db, seed: number): Promise<void> {
  const next = random(seed);
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const event = (customerId: string, day: number, name: string | null, properties: Record<string, unknown>): AnalyticsEvent => ({
    id: `e${Math.floor(next() * 1e12)}`, type: name === null ? 'page' : 'track', name, customerId, properties, traits: null,
    timestamp: new Date(START + day * DAY + Math.floor(next() * DAY)).toISOString(),
  });
  const store = async (e: AnalyticsEvent) => {
    await recordCustomerFacts(db, settings, e);
    await recordValueEvent(db, settings, e);
  };
  const customers = Array.from({ length: 80 }, (_, i) => `c${i}`);
  for (let step = 0; step < 900; step++) {
    const customer = pick(customers);
    const day = Math.floor(next() * 150);
    const roll = next();
    if (roll < 0.55) await store(event(customer, day, 'purchase', { revenue: Math.round(next() * 20000) / 100, currency: pick(['USD', 'USD', 'USD', 'GBP', 'EUR']) }));
    else if (roll < 0.7) await store(event(customer, day, null, next() < 0.6 ? { utm_source: pick(['google', 'facebook', 'newsletter']) } : {}));
    else if (roll < 0.85) await addMembership(db, pick(['seg_a', 'seg_b']), customer, new Date(START + day * DAY).toISOString());
    else await removeMemberships(db, customer, [pick(['seg_a', 'seg_b'])]);
  }
  await forgetCustomerAnalytics(db, 'c3');
  await removeMemberships(db, 'c7', ['seg_a', 'seg_b']);
  await forgetCustomerAnalytics(db, 'c7');
}

// The figures as they were computed before the scope rollups (migration 0029): straight from the per-customer rows.
async function directPeriods(db: Db, range: ValueRange) {
  const period = range.interval === 'day' ? sql`r.day` : range.interval === 'week' ? sql`date(r.day, '-6 days', 'weekday 1')` : sql`substr(r.day, 1, 7) || '-01'`;
  return await db.rows(sql`
    SELECT ${period} AS period, sum(r.amount) AS revenue, sum(r.orders) AS orders, count(DISTINCT r.customer_id) AS payingCustomers FROM customer_revenue_daily r
    WHERE r.day >= ${range.from.slice(0, 10)} AND r.day < ${range.to.slice(0, 10)} AND r.currency = '' AND ${customerFilter(sql`r.customer_id`, range)} GROUP BY period ORDER BY period`);
}
async function directTotals(db: Db, range: ValueRange) {
  const [paid] = await db.rows<{ revenue: number | null; orders: number | null; payingCustomers: number }>(sql`
    SELECT sum(r.amount) AS revenue, sum(r.orders) AS orders, count(DISTINCT r.customer_id) AS payingCustomers FROM customer_revenue_daily r
    WHERE r.day >= ${range.from.slice(0, 10)} AND r.day < ${range.to.slice(0, 10)} AND r.currency = '' AND ${customerFilter(sql`r.customer_id`, range)}`);
  const [seen] = await db.rows<{ customers: number }>(sql`SELECT count(*) AS customers FROM customer_facts x WHERE x.first_seen_at < ${range.to} AND ${customerFilter(sql`x.customer_id`, range)}`);
  return { revenue: paid?.revenue ?? 0, orders: paid?.orders ?? 0, payingCustomers: paid?.payingCustomers ?? 0, customers: seen?.customers ?? 0 };
}
async function directUnconverted(db: Db, range: ValueRange) {
  return await db.rows(sql`SELECT r.currency AS currency, sum(r.amount) AS amount, sum(r.orders) AS orders FROM customer_revenue_daily r
    WHERE r.day >= ${range.from.slice(0, 10)} AND r.day < ${range.to.slice(0, 10)} AND r.currency <> '' AND ${customerFilter(sql`r.customer_id`, range)} GROUP BY r.currency ORDER BY r.currency`);
}
async function directAcquired(db: Db, fromMonth: string, toMonth: string, filter: ValueFilter) {
  return await db.rows(sql`SELECT substr(x.first_seen_at, 1, 7) AS month, x.channel AS channel, count(*) AS customers FROM customer_facts x
    WHERE x.channel IS NOT NULL AND x.first_seen_at >= ${`${fromMonth}-01`} AND x.first_seen_at <= ${`${toMonth}-31T99`} AND ${customerFilter(sql`x.customer_id`, filter)}
    GROUP BY month, x.channel ORDER BY month, x.channel`);
}
async function directChannelMonths(db: Db, months: string[], filter: ValueFilter) {
  const end = new Date(`${months.at(-1)}T00:00:00.000Z`);
  end.setUTCMonth(end.getUTCMonth() + 1);
  const where = customerFilter(sql`x.customer_id`, { segmentId: filter.segmentId, channel: null });
  const revenue = await db.rows<{ channel: string; month: string; revenue: number }>(sql`
    SELECT x.channel AS channel, substr(r.day, 1, 7) || '-01' AS month, sum(r.amount) AS revenue
    FROM customer_revenue_daily r JOIN customer_facts x ON x.customer_id = r.customer_id
    WHERE r.day >= ${months[0]} AND r.day < ${end.toISOString().slice(0, 10)} AND r.currency = '' AND x.channel IS NOT NULL AND ${where} GROUP BY x.channel, month`);
  const seen = await db.rows<{ channel: string; month: string; customers: number }>(sql`
    SELECT x.channel AS channel, substr(x.first_seen_at, 1, 7) || '-01' AS month, count(*) AS customers FROM customer_facts x
    WHERE x.channel IS NOT NULL AND x.first_seen_at < ${end.toISOString()} AND ${where} GROUP BY x.channel, month ORDER BY x.channel, month`);
  const revenueOf = new Map(revenue.map((row) => [`${row.channel}\u0000${row.month}`, row.revenue]));
  return [...new Set(seen.map((row) => row.channel))].flatMap((channel) =>
    months.map((month) => ({
      channel, month, revenue: revenueOf.get(`${channel}\u0000${month}`) ?? 0,
      customers: seen.filter((row) => row.channel === channel && row.month <= month).reduce((sum, row) => sum + row.customers, 0),
    })),
  );
}

const close = (value: unknown) => JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v))) as unknown;
const filters: ValueFilter[] = [
  { segmentId: null, channel: null }, { segmentId: 'seg_a', channel: null }, { segmentId: null, channel: 'google' }, { segmentId: 'seg_b', channel: 'facebook' }, { segmentId: 'seg_none', channel: null },
];
const ranges: { from: string; to: string; interval: AnalyticsInterval }[] = [
  { from: '2026-01-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z', interval: 'month' },
  { from: '2026-01-14T00:00:00.000Z', to: '2026-04-03T00:00:00.000Z', interval: 'week' },
  { from: '2026-02-10T00:00:00.000Z', to: '2026-03-12T00:00:00.000Z', interval: 'day' },
  { from: '2026-03-17T00:00:00.000Z', to: '2026-05-19T00:00:00.000Z', interval: 'month' },
];

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-value-scopes-'));
  db = openTestDatabase(join(dir, 'value.db'));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('value scope rollups (migration 0029)', () => {
  it.each([1, 2, 3])('give the same figures as the per-customer rows, for every filter and range (history %i)', async (seed) => {
    await randomHistory(db, seed);
    for (const filter of filters) {
      for (const range of ranges.map((r) => ({ ...r, ...filter }))) {
        expect(close(await revenueByPeriod(db, range))).toEqual(close(await directPeriods(db, range)));
        expect(close(await revenueTotals(db, range))).toEqual(close(await directTotals(db, range)));
        expect(close(await unconvertedRevenue(db, range))).toEqual(close(await directUnconverted(db, range)));
        expect(await customersSeenBefore(db, range.to, range)).toBe((await directTotals(db, range)).customers);
      }
      expect(await acquiredByMonthAndChannel(db, '2026-01', '2026-05', filter)).toEqual(await directAcquired(db, '2026-01', '2026-05', filter));
      if (filter.channel === null) {
        const months = ['2026-02-01', '2026-03-01', '2026-04-01'];
        const sort = (rows: { channel: string; month: string }[]) => [...rows].sort((a, b) => a.channel.localeCompare(b.channel) || a.month.localeCompare(b.month));
        expect(close(sort(await channelMonths(db, months, filter)))).toEqual(close(sort(await directChannelMonths(db, months, filter))));
      }
    }
  });

  // SQLite's migration text (backticks, INSERT OR IGNORE): a Postgres install starts with every migration applied.
  it.skipIf(onPostgres())("backfill from the stored rows equals what the triggers kept (an existing install's upgrade)", async () => {
    await randomHistory(db, 4);
    const tables = ['revenue_scope_days', 'revenue_scope_payers', 'customer_scope_first_seen'];
    const contents = async () => {
      const rows: unknown[] = [];
      for (const table of tables) rows.push(close(await db.prepare(`SELECT * FROM ${table} WHERE ${table === 'revenue_scope_days' ? 'orders <> 0' : 'customers <> 0'} ORDER BY 1, 2, 3, 4`).all()));
      return rows;
    };
    const kept = await contents();
    expect((kept[1] as unknown[]).length).toBeGreaterThan(50);
    for (const table of tables) await db.prepare(`DELETE FROM ${table}`).run();
    const migration = readFileSync(fileURLToPath(new URL('../../migrations/0029_value_retention_rollups.sql', import.meta.url)), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint').filter((text) => /^\s*(--[^\n]*\n\s*)*INSERT/.test(text))) await db.exec(statement);
    expect(await contents()).toEqual(kept);
  });
});
