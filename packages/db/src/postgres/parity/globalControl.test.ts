import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { drawsGlobalControl } from '../../analytics/experimentsGlobalControl';
import { openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// Migration 0043's triggers (migrations-pg/0013): customers assigned to the global control group counted per group
// (global_control_groups) and, per filter key and group, their first-seen days, revenue cells and revenue products.

const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['google', 'facebook', 'news'];
const SHARE = 0.3;
const DAY = 86_400_000;
const START = Date.UTC(2025, 11, 1);

// customerFacts.ts's upsert, SQLite's scalar min() written as a CASE both backends read: first seen moves back, the
// first-touch channel is the earliest event's that named one, and an event that changes neither writes nothing.
const UPSERT_FACTS = `INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (customer_id) DO UPDATE SET
    first_seen_at = CASE WHEN excluded.first_seen_at < customer_facts.first_seen_at THEN excluded.first_seen_at ELSE customer_facts.first_seen_at END,
    channel = CASE WHEN excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at) THEN excluded.channel ELSE customer_facts.channel END,
    channel_at = CASE WHEN excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at) THEN excluded.channel_at ELSE customer_facts.channel_at END
  WHERE excluded.first_seen_at < customer_facts.first_seen_at OR (excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at))`;
// experimentsRollup.ts: a revenue event adds to its customer's day (a new day, or more on a day already paid).
const ADD_REVENUE = `INSERT INTO customer_revenue_days (day, customer_id, revenue) VALUES (?, ?, ?)
  ON CONFLICT (day, customer_id) DO UPDATE SET revenue = customer_revenue_days.revenue + excluded.revenue`;
// experimentsGlobalControl.ts: assigned at first sight, never redrawn.
const ASSIGN =
  'INSERT INTO global_control (customer_id, in_control, share, assigned_at) VALUES (?, ?, ?, ?) ON CONFLICT (customer_id) DO NOTHING';
const JOIN = 'INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING';

type Facts = { first_seen_at: string; channel: string | null; channel_at: string | null };

/**
 * A random history as the app writes it (after globalControlRandomHistory.ts): customers assigned before and after
 * they are first seen, revenue added to new days (before, between and after the days paid so far) and topped up,
 * refunds, days removed, first-touch channels found late or moved earlier, first seen moved back, segment joins and
 * leaves (one, several at once, a segment saved set-based), customers forgotten and merged. Now and then what the app
 * never does but the triggers keep exact: a group flipped, an assignment removed, a channel cleared, a no-op update.
 */
async function randomHistory(dual: DualDatabase, seed: number, steps: number, check: () => Promise<void>): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  const salt = ((await dual.query('SELECT salt FROM global_control_state WHERE id = 1')).sqlite[0] as { salt: string }).salt;
  const customers = Array.from({ length: 36 }, (_, n) => `g${n}`);
  const firstSeen = new Map<string, number>();
  const amount = () => (random() < 0.08 ? -Math.round(random() * 3000) / 100 : random() < 0.05 ? 0 : Math.round(random() * 20_000) / 100);
  const seen = async (id: string, at: number) => {
    firstSeen.set(id, Math.min(at, firstSeen.get(id) ?? Infinity));
    const channel = random() < 0.3 ? null : pick(CHANNELS);
    await dual.run(UPSERT_FACTS, [id, iso(at), channel, channel === null ? null : iso(at)]);
  };
  const pay = async (id: string) => {
    const from = firstSeen.get(id) ?? Date.UTC(2026, 1, 1);
    await dual.run(ADD_REVENUE, [iso(from + Math.floor(random() * 40) * DAY).slice(0, 10), id, amount()]);
  };
  const assign = async (id: string, at: string) => dual.run(ASSIGN, [id, drawsGlobalControl(salt, id, SHARE) ? 1 : 0, SHARE, at]);
  const detach = async (id: string) => {
    await dual.run('DELETE FROM segment_memberships WHERE customer_id = ?', [id]);
    await dual.run('DELETE FROM customer_facts WHERE customer_id = ?', [id]);
  };
  const days = async (id: string) =>
    (await dual.query('SELECT day, revenue FROM customer_revenue_days WHERE customer_id = ? ORDER BY day', [id])).sqlite as {
      day: string;
      revenue: number;
    }[];

  /**
   * One statement writing several rows of one customer, which the app's merges and batch paths do (SQLite runs the
   * row triggers after each row, so each sees the rows before it written and the ones after not yet): revenue days
   * added out of order (a VALUES list) or copied from another customer (merge-shaped INSERT … SELECT, later days
   * first), several days' revenue changed (some of them to what they are), several days removed, memberships
   * copied from another customer or joined all at once.
   */
  const severalRowsOfOne = async (id: string, at: number) => {
    const paid = await days(id);
    const kind = Math.floor(random() * 6);
    if (kind === 0) {
      const from = firstSeen.get(id) ?? START;
      const taken = new Set(paid.map((day) => day.day));
      const fresh = [...new Set(Array.from({ length: 4 }, () => iso(from + Math.floor(random() * 40) * DAY).slice(0, 10)))].filter(
        (day) => !taken.has(day),
      );
      if (fresh.length === 0) return;
      await dual.run(
        `INSERT INTO customer_revenue_days (day, customer_id, revenue) VALUES ${fresh.map(() => '(?, ?, ?)').join(', ')}`,
        fresh.flatMap((day) => [day, id, amount()]),
      );
    } else if (kind === 1) {
      await dual.run(
        `INSERT INTO customer_revenue_days (day, customer_id, revenue) SELECT day, ?, revenue FROM customer_revenue_days WHERE customer_id = ?
           ORDER BY day DESC ON CONFLICT (day, customer_id) DO NOTHING`,
        [id, pick(customers)],
      );
    } else if (kind === 2 && paid.length > 0) {
      await dual.run(
        'UPDATE customer_revenue_days SET revenue = CASE WHEN day < ? THEN revenue ELSE revenue * 2 + 1 END WHERE customer_id = ?',
        [pick(paid).day, id],
      );
    } else if (kind === 3 && paid.length > 0) {
      // All but one (a middle one when there are three or more): the ones around it go in one statement.
      await dual.run('DELETE FROM customer_revenue_days WHERE customer_id = ? AND day <> ?', [id, paid[Math.floor(paid.length / 2)]!.day]);
    } else if (kind === 4) {
      await dual.run(
        'INSERT INTO segment_memberships (segment_id, customer_id, entered_at) SELECT segment_id, ?, entered_at FROM segment_memberships WHERE customer_id = ? ON CONFLICT DO NOTHING',
        [id, pick(customers)],
      );
    } else {
      await dual.run(
        `INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES ${SEGMENTS.map(() => '(?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
        SEGMENTS.flatMap((segment) => [segment, id, iso(at)]),
      );
    }
  };

  await dual.run(
    `INSERT INTO segments (id, name, definition, created_at, updated_at) VALUES ('seg_a', 'A', '{}', ?, ?), ('seg_b', 'B', '{}', ?, ?), ('seg_c', 'C', '{}', ?, ?)`,
    Array.from({ length: 6 }, () => iso(START)),
  );
  for (const id of customers) {
    await dual.run('INSERT INTO customers (id, created_at, updated_at) VALUES (?, ?, ?)', [id, iso(START), iso(START)]);
    // A third assigned before they are seen (the share set before their first event), most of the rest after.
    if (random() < 0.35) await assign(id, iso(START));
    if (random() < 0.9) await seen(id, START + Math.floor(random() * 70 * DAY));
    for (const segment of SEGMENTS) if (random() < 0.4) await dual.run(JOIN, [segment, id, iso(START)]);
    for (let n = Math.floor(random() * 6); n > 0; n -= 1) await pay(id);
    if (random() < 0.9) await assign(id, iso(START + 31 * DAY));
  }
  await check();

  for (let step = 0; step < steps; step += 1) {
    if (step > 0 && step % 150 === 0) await check();
    const id = pick(customers);
    const at = START + Math.floor(random() * 90 * DAY);
    const roll = random();
    if (roll < 0.07) await severalRowsOfOne(id, at);
    else if (roll < 0.24) await pay(id);
    else if (roll < 0.3) await seen(id, at);
    else if (roll < 0.34) {
      // Direct edits of the facts: channel cleared (value → NULL) or set outright, first seen moved within its day
      // (a different timestamp, the same day key), or a no-op update of both watched columns.
      const edit = Math.floor(random() * 4);
      if (edit === 0) await dual.run('UPDATE customer_facts SET channel = NULL, channel_at = NULL WHERE customer_id = ?', [id]);
      else if (edit === 1)
        await dual.run('UPDATE customer_facts SET channel = ?, channel_at = ? WHERE customer_id = ?', [pick(CHANNELS), iso(at), id]);
      else if (edit === 2)
        await dual.run(`UPDATE customer_facts SET first_seen_at = substr(first_seen_at, 1, 11) || '00:00:00.000Z' WHERE customer_id = ?`, [
          id,
        ]);
      else await dual.run('UPDATE customer_facts SET first_seen_at = first_seen_at, channel = channel WHERE customer_id = ?', [id]);
    } else if (roll < 0.39 && firstSeen.has(id)) {
      // First seen moved back (a backfilled earlier event), as globalControlRandomHistory.ts does.
      const earlier = firstSeen.get(id)! - Math.floor(random() * 10) * DAY;
      firstSeen.set(id, earlier);
      await dual.run('UPDATE customer_facts SET first_seen_at = ? WHERE customer_id = ?', [iso(earlier), id]);
    } else if (roll < 0.51) await dual.run(JOIN, [pick(SEGMENTS), id, iso(at)]);
    else if (roll < 0.59) await dual.run('DELETE FROM segment_memberships WHERE segment_id = ? AND customer_id = ?', [pick(SEGMENTS), id]);
    else if (roll < 0.62) {
      // removeMemberships: several segments left in one statement.
      await dual.run('DELETE FROM segment_memberships WHERE customer_id = ? AND segment_id IN (?, ?)', [id, 'seg_a', 'seg_c']);
    } else if (roll < 0.64) {
      // A segment saved: recomputed set-based (segmentRows.ts), several customers per statement.
      const members = customers.filter(() => random() < 0.4);
      const marks = members.map(() => '?').join(', ');
      await dual.run(`DELETE FROM segment_memberships WHERE segment_id = 'seg_b' AND customer_id NOT IN (${marks || "''"})`, members);
      await dual.run(
        `INSERT INTO segment_memberships (segment_id, customer_id, entered_at) SELECT 'seg_b', id, ? FROM customers WHERE id IN (${marks || "''"}) ON CONFLICT DO NOTHING`,
        [iso(at), ...members],
      );
    } else if (roll < 0.72) {
      // One revenue day removed: the first, a middle or the last of the customer's.
      const paid = await days(id);
      if (paid.length > 0) await dual.run('DELETE FROM customer_revenue_days WHERE customer_id = ? AND day = ?', [id, pick(paid).day]);
    } else if (roll < 0.75) {
      // A day's revenue set outright, or to what it already is (the update trigger's WHEN skips it).
      const paid = await days(id);
      if (paid.length > 0) {
        const day = pick(paid);
        await dual.run('UPDATE customer_revenue_days SET revenue = ? WHERE customer_id = ? AND day = ?', [
          random() < 0.4 ? day.revenue : amount(),
          id,
          day.day,
        ]);
      }
    } else if (roll < 0.8) {
      // The group flipped, or set to the group it already is.
      const group = (await dual.query('SELECT in_control FROM global_control WHERE customer_id = ?', [id])).sqlite[0] as
        { in_control: number } | undefined;
      if (group)
        await dual.run('UPDATE global_control SET in_control = ? WHERE customer_id = ?', [
          random() < 0.7 ? 1 - group.in_control : group.in_control,
          id,
        ]);
    } else if (roll < 0.83) await dual.run('DELETE FROM global_control WHERE customer_id = ?', [id]);
    else if (roll < 0.92) await assign(id, iso(at));
    else if (roll < 0.96) {
      // Forgotten (forgetCustomerAnalytics): keys detached, every revenue day in one statement, then the assignment.
      await detach(id);
      await dual.run('DELETE FROM customer_revenue_days WHERE customer_id = ?', [id]);
      await dual.run('DELETE FROM global_control WHERE customer_id = ?', [id]);
      firstSeen.delete(id);
    } else {
      // Merged (mergeCustomerAnalytics): both detached, the merged one's revenue days and assignment removed, the
      // other's keys put back, then the merged one's revenue replayed under the other.
      const into = pick(customers);
      if (into === id) continue;
      const intoFacts = (await dual.query('SELECT first_seen_at, channel, channel_at FROM customer_facts WHERE customer_id = ?', [into]))
        .sqlite as Facts[];
      const intoKeys = (
        await dual.query('SELECT segment_id, entered_at FROM segment_memberships WHERE customer_id = ? ORDER BY segment_id', [into])
      ).sqlite as {
        segment_id: string;
        entered_at: string;
      }[];
      const replay = await days(id);
      await detach(into);
      await detach(id);
      await dual.run('DELETE FROM customer_revenue_days WHERE customer_id = ?', [id]);
      await dual.run('DELETE FROM global_control WHERE customer_id = ?', [id]);
      for (const facts of intoFacts)
        await dual.run('INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)', [
          into,
          facts.first_seen_at,
          facts.channel,
          facts.channel_at,
        ]);
      for (const key of intoKeys) await dual.run(JOIN, [key.segment_id, into, key.entered_at]);
      for (const day of replay) await dual.run(ADD_REVENUE, [day.day, into, day.revenue]);
      firstSeen.delete(id);
    }
  }
}

describe('migration 0043 on Postgres (global control groups, first seen, revenue cells and products)', () => {
  let dual: DualDatabase;

  beforeAll(async () => {
    dual = await openDualOnOwnCluster('global_control');
  });

  afterAll(async () => {
    await dual?.close();
  });

  it('keeps the same rows as SQLite through a random history of assignments, revenue, keys, forgets and merges', async () => {
    await randomHistory(dual, 43, 700, async () => expect(await dual.differences()).toEqual([]));
    expect(await dual.differences()).toEqual([]);
    // Not empty on both sides: both groups, customers under segment-and-channel keys, paying customers with a
    // previous day, products of two different days.
    const count = async (statement: string) => {
      const { sqlite, postgres } = await dual.query(statement);
      expect(postgres).toEqual(sqlite);
      return (sqlite[0] as { n: number }).n;
    };
    expect(await count('SELECT CAST(count(*) AS integer) AS n FROM global_control_groups WHERE customers > 0')).toBe(2);
    expect(
      await count(`SELECT CAST(count(*) AS integer) AS n FROM global_control_first_seen WHERE filter_key LIKE 's:%|c:%' AND customers > 0`),
    ).toBeGreaterThan(5);
    expect(
      await count(`SELECT CAST(count(*) AS integer) AS n FROM global_control_revenue_cells WHERE prev_day <> '' AND customers > 0`),
    ).toBeGreaterThan(20);
    expect(
      await count('SELECT CAST(count(*) AS integer) AS n FROM global_control_revenue_products WHERE later_day > day AND product <> 0'),
    ).toBeGreaterThan(20);
  }, 120_000);
});
