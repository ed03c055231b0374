import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// Migration 0045's triggers (migrations-pg/0014): customers and their revenue to date per group (first-seen day,
// stage, segment) and scope (segment × first-touch channel) in value_group_revenue.

const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['google', 'facebook', 'news'];
const STAGES = ['lead', 'retention', 'advocacy', 'churned'];
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

// customerFacts.ts's upsert, SQLite's scalar min() written as a CASE both backends read: first seen moves back, the
// first-touch channel is the earliest event's that named one, and an event that changes neither writes nothing.
const UPSERT_FACTS = `INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (customer_id) DO UPDATE SET
    first_seen_at = CASE WHEN excluded.first_seen_at < customer_facts.first_seen_at THEN excluded.first_seen_at ELSE customer_facts.first_seen_at END,
    channel = CASE WHEN excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at) THEN excluded.channel ELSE customer_facts.channel END,
    channel_at = CASE WHEN excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at) THEN excluded.channel_at ELSE customer_facts.channel_at END
  WHERE excluded.first_seen_at < customer_facts.first_seen_at OR (excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at))`;
// valueRollup.ts's addCustomer: revenue to date and orders added up, the purchase range widened (min/max as CASEs).
const ADD_VALUE = `INSERT INTO customer_value (customer_id, revenue, orders, first_purchase_at, last_purchase_at) VALUES (?, ?, 1, ?, ?)
  ON CONFLICT (customer_id) DO UPDATE SET revenue = customer_value.revenue + excluded.revenue, orders = customer_value.orders + 1,
    first_purchase_at = CASE WHEN excluded.first_purchase_at < customer_value.first_purchase_at THEN excluded.first_purchase_at ELSE customer_value.first_purchase_at END,
    last_purchase_at = CASE WHEN excluded.last_purchase_at > customer_value.last_purchase_at THEN excluded.last_purchase_at ELSE customer_value.last_purchase_at END`;
// customers.ts's upsertCustomer: created with the stage the traits name, or its stage kept (coalesce) when it exists.
const UPSERT_CUSTOMER = `INSERT INTO customers (id, lifecycle_stage, created_at, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET lifecycle_stage = coalesce(excluded.lifecycle_stage, customers.lifecycle_stage), updated_at = excluded.updated_at`;
const JOIN = 'INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING';

type Facts = { first_seen_at: string; channel: string | null; channel_at: string | null };
type Value = { revenue: number; first_purchase_at: string; last_purchase_at: string };

/**
 * A random history as the app writes it (after analytics/valueGroups.test.ts): customers created with or without a
 * stage, purchases and refunds, first-touch channels found late or moved earlier, first seen moved back, stage moves,
 * segment joins and leaves (one, several at once, a segment saved set-based), customers forgotten, deleted (with or
 * without their history) and merged. Now and then what the app never does but the triggers keep exact: a stage or
 * channel cleared (value → NULL), a value or facts row moved to another customer, a no-op update of a watched column.
 */
async function randomHistory(dual: DualDatabase, seed: number, steps: number, check: () => Promise<void>): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  const customers = Array.from({ length: 32 }, (_, n) => `c${n}`);
  const amount = () => (random() < 0.1 ? -Math.round(random() * 5000) / 100 : random() < 0.04 ? 0 : Math.round(random() * 20_000) / 100);
  const one = async <T>(statement: string, params: unknown[]) => (await dual.query(statement, params)).sqlite[0] as T | undefined;
  const detach = async (id: string) => {
    await dual.run('DELETE FROM segment_memberships WHERE customer_id = ?', [id]);
    await dual.run('DELETE FROM customer_facts WHERE customer_id = ?', [id]);
  };
  // forgetCustomerAnalytics: keys detached first, then the rows their events built.
  const forget = async (id: string) => {
    await detach(id);
    await dual.run('DELETE FROM customer_value WHERE customer_id = ?', [id]);
  };
  // deleteCustomerRows: the memberships (again), then the customer row.
  const deleteRows = async (id: string) => {
    await dual.run('DELETE FROM segment_memberships WHERE customer_id = ?', [id]);
    await dual.run('DELETE FROM customers WHERE id = ?', [id]);
  };

  await dual.run(
    `INSERT INTO segments (id, name, definition, created_at, updated_at) VALUES ('seg_a', 'A', '{}', ?, ?), ('seg_b', 'B', '{}', ?, ?), ('seg_c', 'C', '{}', ?, ?)`,
    Array.from({ length: 6 }, () => iso(START)),
  );
  for (const id of customers) await dual.run(UPSERT_CUSTOMER, [id, random() < 0.5 ? pick(STAGES) : null, iso(START), iso(START)]);
  // Memberships and value before any facts for a few: the facts insert then counts what they already hold.
  for (const id of customers.slice(0, 6)) {
    await dual.run(JOIN, [pick(SEGMENTS), id, iso(START)]);
    await dual.run(ADD_VALUE, [id, amount(), iso(START), iso(START)]);
  }
  // A stage moved from NULL to '' and back: both are the '' group, which SQLite takes the customer out of and back into.
  for (const stage of [null, '', null])
    await dual.run('UPDATE customers SET lifecycle_stage = ?, updated_at = ? WHERE id = ?', [stage, iso(START), 'c0']);
  await check();

  for (let step = 0; step < steps; step += 1) {
    if (step > 0 && step % 150 === 0) await check();
    const id = pick(customers);
    const at = iso(START + Math.floor(random() * 150 * DAY));
    const roll = random();
    if (roll < 0.06) {
      // Several memberships of one customer in one statement: another customer's copied (a merge-shaped
      // INSERT … SELECT) or every segment joined at once; SQLite's row trigger for each sees the ones before it only.
      if (random() < 0.5)
        await dual.run(
          'INSERT INTO segment_memberships (segment_id, customer_id, entered_at) SELECT segment_id, ?, entered_at FROM segment_memberships WHERE customer_id = ? ON CONFLICT DO NOTHING',
          [id, pick(customers)],
        );
      else
        await dual.run(
          `INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES ${SEGMENTS.map(() => '(?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
          SEGMENTS.flatMap((segment) => [segment, id, at]),
        );
    } else if (roll < 0.09) {
      // A stage moved between NULL and '' (both the '' group: SQLite takes one out and adds one back), or several
      // customers' stages set in one statement.
      if (random() < 0.7)
        await dual.run('UPDATE customers SET lifecycle_stage = ?, updated_at = ? WHERE id = ?', [random() < 0.5 ? '' : null, at, id]);
      else
        await dual.run('UPDATE customers SET lifecycle_stage = ?, updated_at = ? WHERE id IN (?, ?, ?)', [
          pick(['', ...STAGES]),
          at,
          id,
          pick(customers),
          pick(customers),
        ]);
    } else if (roll < 0.28) await dual.run(ADD_VALUE, [id, amount(), at, at]);
    else if (roll < 0.4) {
      const channel = random() < 0.5 ? pick(CHANNELS) : null;
      await dual.run(UPSERT_FACTS, [id, at, channel, channel === null ? null : at]);
    } else if (roll < 0.5) {
      // changeStage: to another stage, to the same one (the WHEN skips it), or cleared (value → NULL).
      const stage = random() < 0.12 ? null : pick(STAGES);
      await dual.run('UPDATE customers SET lifecycle_stage = ?, updated_at = ? WHERE id = ?', [stage, at, id]);
    } else if (roll < 0.54) await dual.run(UPSERT_CUSTOMER, [id, random() < 0.5 ? pick(STAGES) : null, at, at]);
    else if (roll < 0.66) await dual.run(JOIN, [pick(SEGMENTS), id, at]);
    else if (roll < 0.73) await dual.run('DELETE FROM segment_memberships WHERE segment_id = ? AND customer_id = ?', [pick(SEGMENTS), id]);
    else if (roll < 0.76) {
      // removeMemberships: several segments left in one statement (the pairs naming two of them go once).
      await dual.run('DELETE FROM segment_memberships WHERE customer_id = ? AND segment_id IN (?, ?, ?)', [id, ...SEGMENTS]);
    } else if (roll < 0.78) {
      // A segment saved: recomputed set-based (segmentRows.ts), several customers per statement.
      const stage = pick(STAGES);
      await dual.run(
        `DELETE FROM segment_memberships WHERE segment_id = 'seg_c' AND customer_id NOT IN (SELECT id FROM customers WHERE lifecycle_stage = ?)`,
        [stage],
      );
      await dual.run(
        `INSERT INTO segment_memberships (segment_id, customer_id, entered_at) SELECT 'seg_c', id, ? FROM customers WHERE lifecycle_stage = ? ON CONFLICT DO NOTHING`,
        [at, stage],
      );
    } else if (roll < 0.83) {
      // Direct edits of the facts: channel cleared or set outright, first seen moved to another day or within its day
      // (a watched column changed, the cohort kept: the WHEN skips it), or a no-op update of the watched columns.
      const edit = Math.floor(random() * 5);
      if (edit === 0) await dual.run('UPDATE customer_facts SET channel = NULL, channel_at = NULL WHERE customer_id = ?', [id]);
      else if (edit === 1)
        await dual.run('UPDATE customer_facts SET channel = ?, channel_at = ? WHERE customer_id = ?', [pick(CHANNELS), at, id]);
      else if (edit === 2) await dual.run('UPDATE customer_facts SET first_seen_at = ? WHERE customer_id = ?', [at, id]);
      else if (edit === 3)
        await dual.run(`UPDATE customer_facts SET first_seen_at = substr(first_seen_at, 1, 11) || '23:59:59.999Z' WHERE customer_id = ?`, [
          id,
        ]);
      else
        await dual.run(
          'UPDATE customer_facts SET customer_id = customer_id, first_seen_at = first_seen_at, channel = channel WHERE customer_id = ?',
          [id],
        );
    } else if (roll < 0.86) {
      // A value or facts row moved to a new customer (one with a stage and a segment, holding neither row yet): kept
      // exact by the triggers, though the app's merge replays the events instead. The value row's revenue may change
      // in the same update (the move trigger counts it, the revenue one's WHEN skips it).
      const to = `m${step}`;
      customers.push(to);
      await dual.run(UPSERT_CUSTOMER, [to, pick(STAGES), at, at]);
      await dual.run(JOIN, [pick(SEGMENTS), to, at]);
      if (random() < 0.5)
        await dual.run(
          `UPDATE customer_value SET customer_id = ?${random() < 0.5 ? ', revenue = revenue + 10' : ''} WHERE customer_id = ?`,
          [to, id],
        );
      else await dual.run('UPDATE customer_facts SET customer_id = ? WHERE customer_id = ?', [to, id]);
    } else if (roll < 0.88) {
      // A refund setting revenue outright, or to what it already is.
      const value = await one<Value>('SELECT revenue, first_purchase_at, last_purchase_at FROM customer_value WHERE customer_id = ?', [id]);
      if (value)
        await dual.run('UPDATE customer_value SET revenue = ? WHERE customer_id = ?', [
          random() < 0.5 ? value.revenue : value.revenue / 2,
          id,
        ]);
    } else if (roll < 0.91) await forget(id);
    else if (roll < 0.93) {
      await forget(id);
      await deleteRows(id);
    } else if (roll < 0.95) await deleteRows(id);
    else {
      // Merged (mergeCustomerAnalytics, then deleteCustomerRows keeping history): both detached, the merged one's
      // value forgotten, the other's keys put back, the merged one's purchases replayed under the other.
      const into = pick(customers);
      if (into === id) continue;
      const intoFacts = await one<Facts>('SELECT first_seen_at, channel, channel_at FROM customer_facts WHERE customer_id = ?', [into]);
      const fromFacts = await one<Facts>('SELECT first_seen_at, channel, channel_at FROM customer_facts WHERE customer_id = ?', [id]);
      const intoKeys = (
        await dual.query('SELECT segment_id, entered_at FROM segment_memberships WHERE customer_id = ? ORDER BY segment_id', [into])
      ).sqlite as {
        segment_id: string;
        entered_at: string;
      }[];
      const replay = await one<Value>('SELECT revenue, first_purchase_at, last_purchase_at FROM customer_value WHERE customer_id = ?', [
        id,
      ]);
      await detach(into);
      await forget(id);
      if (intoFacts)
        await dual.run('INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)', [
          into,
          intoFacts.first_seen_at,
          intoFacts.channel,
          intoFacts.channel_at,
        ]);
      for (const key of intoKeys) await dual.run(JOIN, [key.segment_id, into, key.entered_at]);
      if (fromFacts) await dual.run(UPSERT_FACTS, [into, fromFacts.first_seen_at, fromFacts.channel, fromFacts.channel_at]);
      if (replay) await dual.run(ADD_VALUE, [into, replay.revenue, replay.first_purchase_at, replay.last_purchase_at]);
      await deleteRows(id);
    }
  }
}

describe('migration 0045 on Postgres (historical CLV per group and scope)', () => {
  let dual: DualDatabase;

  beforeAll(async () => {
    dual = await openDualOnOwnCluster('value_groups');
  });

  afterAll(async () => {
    await dual?.close();
  });

  it('keeps the same rows as SQLite through a random history of purchases, stages, keys, forgets, deletes and merges', async () => {
    await randomHistory(dual, 45, 800, async () => expect(await dual.differences()).toEqual([]));
    expect(await dual.differences()).toEqual([]);
    // Not empty on both sides: each kind of group counted with revenue, segments as groups within segment-and-channel
    // scopes.
    const count = async (statement: string) => {
      const { sqlite, postgres } = await dual.query(statement);
      expect(postgres).toEqual(sqlite);
      return (sqlite[0] as { n: number }).n;
    };
    for (const kind of ['cohort', 'stage', 'segment']) {
      expect(
        await count(
          `SELECT CAST(count(*) AS integer) AS n FROM value_group_revenue WHERE kind = '${kind}' AND customers > 0 AND revenue <> 0`,
        ),
      ).toBeGreaterThan(3);
    }
    expect(
      await count(
        `SELECT CAST(count(*) AS integer) AS n FROM value_group_revenue WHERE kind = 'segment' AND segment_id <> '' AND channel <> '' AND customers > 0`,
      ),
    ).toBeGreaterThan(3);
  }, 120_000);
});
