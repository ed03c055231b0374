import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ANALYTICS_SETTINGS, periodsBetween, periodStart, type AnalyticsSettings } from '@lifecycle/journey';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../scripts/demoData/random';
import { type Db } from '../client';
import { addMembership, removeMemberships } from '../queries/segments';
import { recordCustomerFacts } from './customerFacts';
import { cohortMatrix } from './retentionCohorts';
import { growthLens } from './retentionGrowth';
import { recordRetentionEvent } from './retentionRollup';
import { rebuildRetentionMarks } from './retentionScopeMarks';
import type { RetentionRange } from './retentionPeriods';
import { onPostgres, openTestDatabase } from '../testing/testDatabase';

const settings: AnalyticsSettings = { ...DEFAULT_ANALYTICS_SETTINGS, channelTrait: 'utm_source', activityEvents: [] };
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');
const SEGMENTS = ['seg_a', 'seg_b'];

/**
 * Events stored as ingest stores them (facts, then retention), in random time order so backfilled history moves
 * first-seen cohorts back and re-classifies growth; segment entries and exits and first-touch channels found and
 * moved earlier in between.
 */
async function randomHistory(db: Db, seed: number): Promise<void> {
  const next = seededRandom(seed);
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const customers = Array.from({ length: 50 }, (_, i) => `c${i}`);
  await db.transaction(async () => {
    for (let step = 0; step < 700; step++) {
      const customerId = pick(customers);
      const timestamp = new Date(START + Math.floor(next() * 150 * DAY)).toISOString();
      const roll = next();
      if (roll < 0.1) await addMembership(db, pick(SEGMENTS), customerId, timestamp);
      else if (roll < 0.15) await removeMemberships(db, customerId, [pick(SEGMENTS)]);
      else {
        const properties = next() < 0.2 ? { utm_source: pick(['google', 'facebook', 'newsletter']) } : {};
        const event = { id: `e${step}`, type: 'track' as const, name: 'login', customerId, properties, traits: null, timestamp };
        await recordCustomerFacts(db, settings, event);
        await recordRetentionEvent(db, settings, event);
      }
    }
  });
}

/** The customers a filter selects and each one's active periods and first-seen time, read from the per-customer rows. */
async function customersOf(db: Db, range: RetentionRange) {
  const rows = await db
    .prepare(
      `SELECT f.customer_id AS id, f.first_seen_at AS firstSeenAt, (SELECT string_agg(period, ',') FROM customer_active_periods p WHERE p.customer_id = f.customer_id AND p.interval = ?) AS periods
       FROM customer_facts f WHERE (CAST(? AS TEXT) IS NULL OR f.channel = ?) AND (CAST(? AS TEXT) IS NULL OR f.customer_id IN (SELECT customer_id FROM segment_memberships WHERE segment_id = ?))`,
    )
    .all<{ id: string; firstSeenAt: string; periods: string | null }>(range.interval, range.channel, range.channel, range.segmentId, range.segmentId);
  return rows.map((row) => ({ firstSeenAt: row.firstSeenAt, periods: new Set(row.periods === null ? [] : row.periods.split(',')) }));
}

/** The growth lens by its definition, customer by customer. */
async function directGrowth(db: Db, range: RetentionRange) {
  const periods = periodsBetween(range.from, range.to, range.interval);
  const customers = await customersOf(db, range);
  return periods.map((period) => {
    const counts = { period, active: 0, new: 0, returning: 0, resurrecting: 0, dormant: 0 };
    const previous = previousOf(period, range);
    for (const customer of customers) {
      const was = customer.periods.has(previous);
      if (!customer.periods.has(period)) {
        if (was) counts.dormant += 1;
        continue;
      }
      counts.active += 1;
      if (was) counts.returning += 1;
      else if ([...customer.periods].some((other) => other < period)) counts.resurrecting += 1;
      else counts.new += 1;
    }
    return counts;
  });
}

function previousOf(period: string, range: RetentionRange): string {
  const date = new Date(`${period}T00:00:00.000Z`);
  if (range.interval === 'week') date.setUTCDate(date.getUTCDate() - 7);
  else date.setUTCMonth(date.getUTCMonth() - 1);
  return date.toISOString().slice(0, 10);
}

/** The first-seen cohort matrix by its definition: cohort sizes and active customers per (cohort, period). */
async function directCohorts(db: Db, range: RetentionRange) {
  const from = periodStart(range.from, range.interval);
  const to = range.to.slice(0, 10);
  const customers = (await customersOf(db, range)).map((customer) => ({ ...customer, cohort: periodStart(customer.firstSeenAt, range.interval) }));
  const cohorts = [...new Set(customers.map((customer) => customer.cohort))].filter((cohort) => cohort >= from && cohort < to).sort();
  return cohorts.map((cohort) => {
    const members = customers.filter((customer) => customer.cohort === cohort);
    const cells = periodsBetween(`${cohort}T00:00:00.000Z`, range.to, range.interval).map((period) => members.filter((member) => member.periods.has(period)).length);
    return [cohort, members.length, cells];
  });
}

const shown = (matrix: Awaited<ReturnType<typeof cohortMatrix>>) => matrix.cohorts.map((row) => [row.cohort, row.customers, row.cells.map((cell) => cell.active)]);

const filters = [
  { segmentId: 'seg_a', channel: null },
  { segmentId: null, channel: 'google' },
  { segmentId: 'seg_b', channel: 'facebook' },
  { segmentId: 'seg_none', channel: null },
];
const ranges = [
  { from: '2026-01-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z', interval: 'month' as const },
  { from: '2026-02-10T00:00:00.000Z', to: '2026-05-03T00:00:00.000Z', interval: 'week' as const },
];

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-retention-scopes-'));
  db = openTestDatabase(join(dir, 'retention.db'));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('retention scope counters (migration 0046)', () => {
  it.each([1, 2])('give the growth lens and first-seen cohorts of a segment, a channel or both as the customers define them (history %i)', async (seed) => {
    await randomHistory(db, seed);
    for (const filter of filters) {
      for (const range of ranges.map((r) => ({ ...r, ...filter }))) {
        const label = JSON.stringify(range);
        expect(await growthLens(db, range), label).toEqual(await directGrowth(db, range));
        expect(shown(await cohortMatrix(db, { kind: 'first_seen' }, range)), label).toEqual(await directCohorts(db, range));
      }
    }
    expect((await growthLens(db, { ...ranges[0]!, ...filters[0]! })).some((period) => period.resurrecting > 0 && period.dormant > 0)).toBe(true);
  });

  it("backfill (the upgrade's) and the rebuild equal what the ingest hooks and triggers kept", async () => {
    await randomHistory(db, 3);
    const contents = async () => {
      const tables: Record<string, unknown>[][] = [];
      for (const table of ['retention_marks', 'retention_scope_counts'])
        tables.push(await db.prepare(table === 'retention_marks' ? 'SELECT * FROM retention_marks ORDER BY 1, 2, 3, 4, 5' : `SELECT * FROM ${table} WHERE customers <> 0 ORDER BY 1, 2, 3, 4, 5, 6`).all());
      return tables;
    };
    const kept = await contents();
    expect(kept[1]!.length).toBeGreaterThan(100);
    await db.exec('DELETE FROM retention_marks; DELETE FROM retention_scope_counts;');
    // The backfill is SQLite's migration text (INSERT OR IGNORE): a Postgres install starts with every migration applied.
    if (!onPostgres()) {
      const migration = readFileSync(fileURLToPath(new URL('../../migrations/0046_retention_scopes.sql', import.meta.url)), 'utf8');
      for (const statement of migration.split('--> statement-breakpoint').filter((text) => /^\s*(--[^\n]*\n\s*)*INSERT/.test(text))) await db.exec(statement);
      expect(await contents()).toEqual(kept);
    }
    await rebuildRetentionMarks(db);
    expect(await contents()).toEqual(kept);
  });
});
