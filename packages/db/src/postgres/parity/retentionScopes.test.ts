import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// Migration 0046's triggers (Postgres: migrations-pg/0015) move each customer's retention marks between the scope
// counters when a membership or the first-touch channel changes; the ingest hooks (retentionScopeMarks.ts) add and
// remove the marks with their counters. A random history through both must leave the same rows on both backends.

const CUSTOMERS = Array.from({ length: 30 }, (_, n) => `c${n}`);
const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['google', 'facebook', 'newsletter'];
const WEEKS = Array.from({ length: 12 }, (_, n) => new Date(Date.UTC(2026, 0, 5) + n * 7 * 86_400_000).toISOString().slice(0, 10));
const MONTHS = ['2026-01-01', '2026-02-01', '2026-03-01'];

const JOIN = 'INSERT INTO "segment_memberships" ("segment_id", "customer_id", "entered_at") VALUES (?, ?, ?) ON CONFLICT DO NOTHING';
// markRetention's scope counter, portable: every scope the customer is in now but the unfiltered one.
const COUNT = `INSERT INTO "retention_scope_counts" ("segment_id", "channel", "figure", "interval", "a", "b", "customers")
  SELECT s."segment_id", c."channel", ?, ?, ?, ?, ? FROM
    (SELECT '' AS "segment_id" UNION ALL SELECT "segment_id" FROM "segment_memberships" WHERE "customer_id" = ?) s,
    (SELECT '' AS "channel" UNION ALL SELECT "channel" FROM "customer_facts" WHERE "customer_id" = ? AND "channel" IS NOT NULL) c
  WHERE s."segment_id" <> '' OR c."channel" <> ''
  ON CONFLICT ("segment_id", "channel", "figure", "interval", "a", "b") DO UPDATE SET "customers" = "retention_scope_counts"."customers" + excluded."customers"`;

let dual: DualDatabase;

beforeAll(async () => {
  dual = await openDualOnOwnCluster('retention_scopes');
});

afterAll(async () => {
  await dual?.close();
});

type Mark = [figure: string, interval: string, a: string, b: string];

/** markRetention: the mark inserted or deleted, and counted in the customer's scopes only when that changed a row. */
async function mark(customerId: string, [figure, interval, a, b]: Mark, delta: 1 | -1): Promise<void> {
  const present =
    dual.sqlite
      .prepare('SELECT 1 FROM retention_marks WHERE customer_id = ? AND figure = ? AND interval = ? AND a = ? AND b = ?')
      .get(customerId, figure, interval, a, b) !== undefined;
  if (present === (delta === 1)) return;
  if (delta === 1)
    await dual.run('INSERT INTO "retention_marks" ("customer_id", "figure", "interval", "a", "b") VALUES (?, ?, ?, ?, ?)', [
      customerId,
      figure,
      interval,
      a,
      b,
    ]);
  else
    await dual.run('DELETE FROM "retention_marks" WHERE "customer_id" = ? AND "figure" = ? AND "interval" = ? AND "a" = ? AND "b" = ?', [
      customerId,
      figure,
      interval,
      a,
      b,
    ]);
  await dual.run(COUNT, [figure, interval, a, b, delta, customerId, customerId]);
}

async function workload(seed: number, steps: number, checkpoint: () => Promise<void>): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const randomMark = (): Mark => {
    const interval = pick(['week', 'month']);
    const periods = interval === 'week' ? WEEKS : MONTHS;
    const figure = pick(['growth', 'growth', 'cohort', 'active', 'active']);
    if (figure === 'growth') return [figure, interval, pick(periods), pick(['new', 'returning', 'resurrecting', 'dormant'])];
    if (figure === 'cohort') return [figure, interval, periods[0]!, ''];
    return [figure, interval, periods[0]!, pick(periods)];
  };
  const at = () => new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 80 * 86_400_000)).toISOString();
  for (let step = 0; step < steps; step++) {
    if (step > 0 && step % 300 === 0) await checkpoint();
    const customer = pick(CUSTOMERS);
    const roll = random();
    if (roll < 0.35) await mark(customer, randomMark(), 1);
    else if (roll < 0.45) await mark(customer, randomMark(), -1);
    else if (roll < 0.57) {
      // First seen (facts inserted with or without a channel), or a later touch naming one (channel set or moved).
      const timestamp = at();
      const channel = random() < 0.6 ? pick(CHANNELS) : null;
      await dual.run(
        `INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel", "channel_at") VALUES (?, ?, ?, ?)
         ON CONFLICT ("customer_id") DO UPDATE SET "channel" = excluded."channel", "channel_at" = excluded."channel_at" WHERE excluded."channel" IS NOT NULL`,
        [customer, timestamp, channel, channel === null ? null : timestamp],
      );
    } else if (roll < 0.6) {
      await dual.run('UPDATE "customer_facts" SET "channel" = NULL, "channel_at" = NULL WHERE "customer_id" = ?', [customer]);
    } else if (roll < 0.63) {
      // Writes that leave the channel as it is (the WHEN is false): first seen moved, or the same channel again.
      await dual.run('UPDATE "customer_facts" SET "channel" = "channel", "first_seen_at" = ? WHERE "customer_id" = ?', [at(), customer]);
    } else if (roll < 0.78) await dual.run(JOIN, [pick(SEGMENTS), customer, at()]);
    else if (roll < 0.9)
      await dual.run('DELETE FROM "segment_memberships" WHERE "customer_id" = ? AND "segment_id" = ?', [customer, pick(SEGMENTS)]);
    else if (roll < 0.95) {
      // Forgotten: keys detached (memberships, then facts: the triggers take the marks out of every scope), marks deleted.
      await dual.run('DELETE FROM "segment_memberships" WHERE "customer_id" = ?', [customer]);
      await dual.run('DELETE FROM "customer_facts" WHERE "customer_id" = ?', [customer]);
      await dual.run('DELETE FROM "retention_marks" WHERE "customer_id" = ?', [customer]);
    } else {
      // A merge's detach and reattach of one customer's keys: everything out, then facts and memberships back.
      const facts = dual.sqlite
        .prepare('SELECT first_seen_at, channel, channel_at FROM customer_facts WHERE customer_id = ?')
        .get(customer) as { first_seen_at: string; channel: string | null; channel_at: string | null } | undefined;
      const memberships = dual.sqlite
        .prepare('SELECT segment_id, entered_at FROM segment_memberships WHERE customer_id = ?')
        .all(customer) as { segment_id: string; entered_at: string }[];
      await dual.run('DELETE FROM "segment_memberships" WHERE "customer_id" = ?', [customer]);
      await dual.run('DELETE FROM "customer_facts" WHERE "customer_id" = ?', [customer]);
      if (facts)
        await dual.run('INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel", "channel_at") VALUES (?, ?, ?, ?)', [
          customer,
          facts.first_seen_at,
          facts.channel,
          facts.channel_at,
        ]);
      for (const row of memberships) await dual.run(JOIN, [row.segment_id, customer, row.entered_at]);
    }
  }
}

describe('retention scope counters (0046) on Postgres', () => {
  it('hold the same rows as SQLite through marks, channel moves, segment moves, forgets and merges', async () => {
    const check = async () => expect(await dual.differences()).toEqual([]);
    await workload(46, 900, check);
    await check();
    const { count } = dual.sqlite
      .prepare("SELECT count(*) AS count FROM retention_scope_counts WHERE segment_id <> '' AND channel <> '' AND customers > 0")
      .get() as { count: number };
    expect(count).toBeGreaterThan(0);
  });
});
