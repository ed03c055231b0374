import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// Migration 0029's triggers (Postgres: migrations-pg/0004) keep revenue per day and scope, paying-customer cells and
// first-seen counts per scope as revenue days, first-touch facts and segment memberships change. A random history
// written the way ingest, segment saves and forget/merge write those tables must leave both backends with the same rows.

const ROLLUPS = ['revenue_scope_days', 'revenue_scope_payers', 'customer_scope_first_seen'];

const CUSTOMERS = Array.from({ length: 30 }, (_, n) => `c${n}`);
const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['google', 'facebook', 'newsletter'];
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

// recordCustomerFacts' upsert in portable form (SQLite's scalar min() as a CASE): first seen moves back, the channel
// moves to an earlier touch; a later event without news changes nothing.
const FACTS = `INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel", "channel_at") VALUES (?, ?, ?, ?)
  ON CONFLICT ("customer_id") DO UPDATE SET
    "first_seen_at" = CASE WHEN excluded."first_seen_at" < "customer_facts"."first_seen_at" THEN excluded."first_seen_at" ELSE "customer_facts"."first_seen_at" END,
    "channel" = CASE WHEN excluded."channel" IS NOT NULL AND ("customer_facts"."channel_at" IS NULL OR excluded."channel_at" < "customer_facts"."channel_at") THEN excluded."channel" ELSE "customer_facts"."channel" END,
    "channel_at" = CASE WHEN excluded."channel" IS NOT NULL AND ("customer_facts"."channel_at" IS NULL OR excluded."channel_at" < "customer_facts"."channel_at") THEN excluded."channel_at" ELSE "customer_facts"."channel_at" END
  WHERE excluded."first_seen_at" < "customer_facts"."first_seen_at" OR (excluded."channel" IS NOT NULL AND ("customer_facts"."channel_at" IS NULL OR excluded."channel_at" < "customer_facts"."channel_at"))`;
// recordValueEvent's daily upsert: a first purchase on a day inserts, another one the same day updates.
const REVENUE = `INSERT INTO "customer_revenue_daily" ("customer_id", "day", "currency", "amount", "orders") VALUES (?, ?, ?, ?, 1)
  ON CONFLICT ("customer_id", "day", "currency") DO UPDATE SET "amount" = "customer_revenue_daily"."amount" + excluded."amount", "orders" = "customer_revenue_daily"."orders" + 1`;
const JOIN = 'INSERT INTO "segment_memberships" ("segment_id", "customer_id", "entered_at") VALUES (?, ?, ?) ON CONFLICT DO NOTHING';
const LEAVE = 'DELETE FROM "segment_memberships" WHERE "customer_id" = ? AND "segment_id" = ?';

type Facts = { customer_id: string; first_seen_at: string; channel: string | null; channel_at: string | null };
type Membership = { segment_id: string; customer_id: string; entered_at: string };

let dual: DualDatabase;

beforeAll(async () => {
  dual = await openDualOnOwnCluster('value_retention');
});

afterAll(async () => {
  await dual?.close();
});

/** detachCustomerKeys: memberships, then facts, deleted (their triggers take the customer out of every scope). */
async function detachKeys(customerId: string): Promise<{ facts: Facts | undefined; memberships: Membership[] }> {
  const facts = dual.sqlite
    .prepare('SELECT customer_id, first_seen_at, channel, channel_at FROM customer_facts WHERE customer_id = ?')
    .get(customerId) as Facts | undefined;
  const memberships = dual.sqlite
    .prepare('SELECT segment_id, customer_id, entered_at FROM segment_memberships WHERE customer_id = ?')
    .all(customerId) as Membership[];
  await dual.run('DELETE FROM "segment_memberships" WHERE "customer_id" = ?', [customerId]);
  await dual.run('DELETE FROM "customer_facts" WHERE "customer_id" = ?', [customerId]);
  return { facts, memberships };
}

/** reattachCustomerKeys: facts, then memberships, inserted back (their triggers count everything the customer holds). */
async function reattachKeys(keys: { facts: Facts | undefined; memberships: Membership[] }): Promise<void> {
  const facts = keys.facts;
  if (facts)
    await dual.run('INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel", "channel_at") VALUES (?, ?, ?, ?)', [
      facts.customer_id,
      facts.first_seen_at,
      facts.channel,
      facts.channel_at,
    ]);
  for (const row of keys.memberships) await dual.run(JOIN, [row.segment_id, row.customer_id, row.entered_at]);
}

async function workload(seed: number, steps: number, checkpoint: () => Promise<void>): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const at = (day: number) => new Date(START + day * DAY + Math.floor(random() * DAY)).toISOString();
  for (let step = 0; step < steps; step++) {
    if (step > 0 && step % 250 === 0) await checkpoint();
    const customer = pick(CUSTOMERS);
    const day = Math.floor(random() * 90);
    const roll = random();
    if (roll < 0.36) {
      // A purchase: base currency mostly, sometimes one without a rate (kept apart under its own code).
      const timestamp = at(day);
      await dual.run(FACTS, [customer, timestamp, null, null]);
      await dual.run(REVENUE, [customer, timestamp.slice(0, 10), pick(['', '', '', 'EUR']), Math.round(random() * 20_000) / 100]);
    } else if (roll < 0.54) {
      // A page view or identify, naming a channel 60% of the time; an earlier touch moves first seen and the channel.
      const timestamp = at(day);
      const channel = random() < 0.6 ? pick(CHANNELS) : null;
      await dual.run(FACTS, [customer, timestamp, channel, channel === null ? null : timestamp]);
    } else if (roll < 0.66) {
      await dual.run(JOIN, [pick(SEGMENTS), customer, at(day)]);
    } else if (roll < 0.76) {
      await dual.run(LEAVE, [customer, pick(SEGMENTS)]);
    } else if (roll < 0.8) {
      // First seen moved within its day (the key of the old and the new day is the same: 0029's one-statement case).
      await dual.run(
        `UPDATE "customer_facts" SET "first_seen_at" = substr("first_seen_at", 1, 10) || 'T00:00:00.000Z' WHERE "customer_id" = ?`,
        [customer],
      );
    } else if (roll < 0.83) {
      // Channel forgotten (to NULL), and a write that changes nothing (the WHEN is false, no scope moves).
      await dual.run('UPDATE "customer_facts" SET "channel" = NULL, "channel_at" = NULL WHERE "customer_id" = ?', [customer]);
    } else if (roll < 0.86) {
      await dual.run('UPDATE "customer_facts" SET "channel" = "channel", "first_seen_at" = "first_seen_at" WHERE "customer_id" = ?', [
        customer,
      ]);
    } else if (roll < 0.9) {
      // One revenue day removed (its neighbours' payer cells re-link around it), and a no-op amount write.
      const row = dual.sqlite
        .prepare('SELECT day, currency FROM customer_revenue_daily WHERE customer_id = ? ORDER BY day LIMIT 1 OFFSET ?')
        .get(customer, Math.floor(random() * 4)) as { day: string; currency: string } | undefined;
      if (row)
        await dual.run('DELETE FROM "customer_revenue_daily" WHERE "customer_id" = ? AND "day" = ? AND "currency" = ?', [
          customer,
          row.day,
          row.currency,
        ]);
      await dual.run('UPDATE "customer_revenue_daily" SET "amount" = "amount", "orders" = "orders" WHERE "customer_id" = ?', [customer]);
    } else if (roll < 0.95) {
      // Forgotten: keys detached, then their event-built rows deleted through the table.
      await detachKeys(customer);
      await dual.run('DELETE FROM "customer_revenue_daily" WHERE "customer_id" = ?', [customer]);
    } else {
      // Merged into another customer: both detach, the source's revenue goes, the target's keys come back and the
      // source's purchases are replayed under the target.
      const into = pick(CUSTOMERS);
      if (into === customer) continue;
      const replay = dual.sqlite
        .prepare('SELECT day, currency, amount FROM customer_revenue_daily WHERE customer_id = ? ORDER BY day, currency')
        .all(customer) as { day: string; currency: string; amount: number }[];
      const intoKeys = await detachKeys(into);
      await detachKeys(customer);
      await dual.run('DELETE FROM "customer_revenue_daily" WHERE "customer_id" = ?', [customer]);
      await reattachKeys(intoKeys);
      for (const row of replay) await dual.run(REVENUE, [into, row.day, row.currency, row.amount]);
    }
  }
}

describe('value scope rollups (0029) on Postgres', () => {
  it('hold the same rows as SQLite through a random history of purchases, touches, segment moves, forgets and merges', async () => {
    const check = async () => {
      // Every table, payer cells at 0 left out (dualDatabase.ts): a forget deletes a customer's days in one statement,
      // SQLite in rowid order and Postgres in scan order, and the cells each walk passes through stay behind at 0.
      expect(await dual.differences()).toEqual([]);
    };
    await workload(29, 900, check);
    await check();
    for (const table of ROLLUPS) {
      const { count } = dual.sqlite.prepare(`SELECT count(*) AS count FROM ${table} WHERE segment_id <> '' AND channel <> ''`).get() as {
        count: number;
      };
      expect(count, table).toBeGreaterThan(0);
    }
  });
});
