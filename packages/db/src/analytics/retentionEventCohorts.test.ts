import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsInterval, type AnalyticsSettings } from '@lifecycle/journey';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db } from '../client';
import { recordCustomerFacts } from './customerFacts';
import type { AnalyticsEvent } from './rollupEvent';
import { cohortEvents, cohortMatrix } from './retentionCohorts';
import { periodStartSql } from './retentionPeriods';
import { rebuildEventCohorts } from './retentionEventCohortRollup';
import { recordRetentionEvent } from './retentionRollup';
import { onPostgres, openTestDatabase } from '../testing/testDatabase';

const settings: AnalyticsSettings = { ...DEFAULT_ANALYTICS_SETTINGS, activityEvents: ['login', 'purchase'] };
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Events in random order (backfilled ones included), through the per-event hooks as ingest calls them. */
async function randomHistory(db: Db, seed: number): Promise<void> {
  const next = random(seed);
  for (let step = 0; step < 1500; step++) {
    const name = ['login', 'purchase', 'signup', 'feature_used'][Math.floor(next() * 4)]!;
    const event: AnalyticsEvent = {
      id: `e${step}`, type: 'track', name, customerId: `c${Math.floor(next() * 60)}`, properties: {}, traits: null,
      timestamp: new Date(START + Math.floor(next() * 200 * DAY)).toISOString(),
    };
    await recordCustomerFacts(db, settings, event);
    await recordRetentionEvent(db, settings, event);
  }
}

/** The matrix's counts as the query before the counters computed them: the cohort's customers joined with their active periods. */
async function direct(db: Db, event: string, interval: AnalyticsInterval, from: string, to: string) {
  const members = sql`SELECT customer_id, ${periodStartSql(sql`first_at`, interval)} AS cohort FROM customer_first_events WHERE event = ${event}`;
  const sizes = await db.rows<{ cohort: string; customers: number }>(sql`SELECT cohort, count(*) AS customers FROM (${members}) AS m WHERE cohort >= ${from} AND cohort < ${to} GROUP BY cohort ORDER BY cohort`);
  const active = await db.rows<{ cohort: string; period: string; active: number }>(sql`SELECT c.cohort, p.period, count(*) AS active FROM (${members}) c
    JOIN customer_active_periods p ON p.customer_id = c.customer_id AND p.interval = ${interval} AND p.period >= c.cohort AND p.period < ${to}
    WHERE c.cohort >= ${from} AND c.cohort < ${to} GROUP BY c.cohort, p.period`);
  const activeOf = new Map(active.map((row) => [`${row.cohort}|${row.period}`, row.active]));
  return { sizes: sizes.map((row) => [row.cohort, row.customers]), activeOf };
}

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-event-cohorts-'));
  db = openTestDatabase(join(dir, 'retention.db'));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function expectCountersMatchRows() {
  for (const event of ['purchase', 'signup']) {
    for (const [interval, from, to] of [['week', '2026-01-05', '2026-06-01'], ['month', '2026-02-01', '2026-07-01']] as const) {
      const matrix = await cohortMatrix(db, { kind: 'event', event }, { from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z`, interval, segmentId: null, channel: null });
      const expected = await direct(db, event, interval, from, to);
      expect(matrix.cohorts.map((row) => [row.cohort, row.customers])).toEqual(expected.sizes);
      expect(matrix.cohorts.length).toBeGreaterThan(2);
      for (const row of matrix.cohorts) for (const cell of row.cells) expect([row.cohort, cell.offset, cell.active]).toEqual([row.cohort, cell.offset, expected.activeOf.get(`${row.cohort}|${periodAt(row.cohort, cell.offset, interval)}`) ?? 0]);
    }
  }
  const names = await db.rows<{ event: string; customers: number }>(sql`SELECT event, count(*) AS customers FROM customer_first_events GROUP BY event ORDER BY customers DESC, event`);
  expect(await cohortEvents(db)).toEqual(names);
}

function periodAt(cohort: string, offset: number, interval: AnalyticsInterval): string {
  const date = new Date(`${cohort}T00:00:00.000Z`);
  if (interval === 'week') date.setUTCDate(date.getUTCDate() + 7 * offset);
  else date.setUTCMonth(date.getUTCMonth() + offset);
  return date.toISOString().slice(0, 10);
}

describe('event cohort counters', () => {
  it.each([1, 2])('equal the cohort customers joined with their active periods, events arriving out of order (history %i)', async (seed) => {
    await randomHistory(db, seed);
    await expectCountersMatchRows();
  });

  it('are recounted by a rebuild (after the activity events change), and by the migration from the stored rows, to what the hooks kept', async () => {
    await randomHistory(db, 3);
    const contents = async () => {
      const tables: Record<string, unknown>[][] = [];
      for (const table of ['event_cohort_sizes', 'event_cohort_activity']) tables.push(await db.prepare(`SELECT * FROM ${table} WHERE customers <> 0 ORDER BY 1, 2, 3, 4`).all());
      return tables;
    };
    const kept = await contents();
    await rebuildEventCohorts(db);
    expect(await contents()).toEqual(kept);
    // The backfill is SQLite's migration text (INSERT OR IGNORE): a Postgres install starts with every migration applied.
    if (!onPostgres()) {
      await db.prepare('DELETE FROM event_cohort_sizes').run();
      await db.prepare('DELETE FROM event_cohort_activity').run();
      const migration = readFileSync(fileURLToPath(new URL('../../migrations/0029_value_retention_rollups.sql', import.meta.url)), 'utf8');
      for (const statement of migration.split('--> statement-breakpoint').filter((text) => text.includes('INSERT OR IGNORE INTO `event_cohort'))) await db.exec(statement);
      expect(await contents()).toEqual(kept);
    }
    await expectCountersMatchRows();
  });
});
