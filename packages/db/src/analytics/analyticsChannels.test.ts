import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from '@lifecycle/journey';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../scripts/demoData/random';
import { type Db } from '../client';
import { addMembership } from '../queries/segments';
import { analyticsChannels, recordCustomerFacts } from './customerFacts';
import { forgetCustomerAnalytics } from './forgetCustomer';
import { openTestDatabase } from '../testing/testDatabase';

const settings: AnalyticsSettings = { ...DEFAULT_ANALYTICS_SETTINGS, channelTrait: 'utm_source' };
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');

/**
 * Events in random order (backfilled touches come after later ones, so first-touch channels move), channels named
 * late or never, segment entries (which must not count twice) and a few customers forgotten.
 */
async function randomHistory(db: Db, seed: number): Promise<void> {
  const next = seededRandom(seed);
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const customers = Array.from({ length: 80 }, (_, i) => `c${i}`);
  for (let step = 0; step < 600; step++) {
    const customerId = pick(customers);
    const timestamp = new Date(START + Math.floor(next() * 120 * DAY)).toISOString();
    if (next() < 0.1) {
      await addMembership(db, pick(['seg_a', 'seg_b']), customerId, timestamp);
      continue;
    }
    const properties = next() < 0.4 ? { utm_source: pick(['google', 'facebook', 'newsletter', 'tiktok', ' ']) } : {};
    await recordCustomerFacts(db, settings, { id: `e${step}`, type: 'page', name: null, customerId, properties, traits: null, timestamp });
  }
  for (const customerId of ['c3', 'c8', 'c40']) await forgetCustomerAnalytics(db, customerId);
}

/** The picker as it was counted before it read the scope counters: one row per customer with a channel. */
async function directChannels(db: Db) {
  return await db
    .prepare('SELECT channel, count(*) AS customers FROM customer_facts WHERE channel IS NOT NULL GROUP BY channel ORDER BY customers DESC, channel')
    .all();
}

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-channels-'));
  db = openTestDatabase(join(dir, 'channels.db'));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the channel picker (GET /api/analytics/channels)', () => {
  it.each([1, 2])('counts each customer once under their first-touch channel, as the per-customer rows do (history %i)', async (seed) => {
    await randomHistory(db, seed);
    const direct = await directChannels(db);
    expect(direct.length).toBeGreaterThan(2);
    expect(await analyticsChannels(db)).toEqual(direct);
    expect(await analyticsChannels(db, 2)).toEqual(direct.slice(0, 2));
  });
});
