import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// Migration 0028's triggers (migrations-pg/0003): customers per stage now, moves, first seen and stays begun and ended,
// keyed by (segment, channel), driven through customers, stage_history, segment_memberships and customer_facts the
// way changeStage, the ingest upsert, segment saves, merges and deletions write them.

const STAGES = ['visitor', 'lead', 'trial', 'customer', 'churned'];
const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['ads', 'news', null];
const START = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

// customerFacts.ts's upsert, SQLite's scalar min() written as a CASE both backends read: first seen moves back, the
// first-touch channel is the earliest event's that named one.
const UPSERT_FACTS = `INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (customer_id) DO UPDATE SET
    first_seen_at = CASE WHEN excluded.first_seen_at < customer_facts.first_seen_at THEN excluded.first_seen_at ELSE customer_facts.first_seen_at END,
    channel = CASE WHEN excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at) THEN excluded.channel ELSE customer_facts.channel END,
    channel_at = CASE WHEN excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at) THEN excluded.channel_at ELSE customer_facts.channel_at END
  WHERE excluded.first_seen_at < customer_facts.first_seen_at OR (excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at))`;
// stageRandomHistory.ts's cruder upsert: the channel overwritten whatever it was, to NULL too.
const OVERWRITE_FACTS = `INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (customer_id) DO UPDATE SET
    first_seen_at = CASE WHEN excluded.first_seen_at < customer_facts.first_seen_at THEN excluded.first_seen_at ELSE customer_facts.first_seen_at END,
    channel = excluded.channel, channel_at = excluded.channel_at`;

type HistoryRow = { customer_id: string; from_stage: string | null; to_stage: string; cause: string; at: string };
type Keys = {
  facts: { first_seen_at: string; channel: string | null; channel_at: string | null } | undefined;
  segments: { segment_id: string; entered_at: string }[];
};

/**
 * A random history of the rows the keyed stage figures are kept from: stage moves (changeStage, backfilled ones too),
 * stages cleared and set to what they were, first-seen and channel changes (to and from NULL), segment joins, leaves
 * and set-based saves, merges (keys detached, the two histories rewritten as one chain, keys re-attached), deletions in
 * the app's order and in others, customers created with a stage or after their keys, and direct edits of each watched
 * stage_history column (including edits that change nothing).
 */
async function randomHistory(dual: DualDatabase, seed: number, steps: number, check: () => Promise<void>): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const ids = Array.from({ length: 40 }, (_, i) => `c${i}`);
  let now = START;
  let historyId = 0;
  let fresh = 0;
  const sqlite = dual.sqlite;
  const stageOf = (id: string) =>
    (sqlite.prepare('SELECT lifecycle_stage AS stage FROM customers WHERE id = ?').get(id) as { stage: string | null } | undefined)?.stage;
  const someTime = () => START + Math.floor(random() * 120 * 24 * 60) * MINUTE + Math.floor(random() * MINUTE);

  const insertCustomer = (id: string, stage: string | null) =>
    dual.run('INSERT INTO customers (id, lifecycle_stage, created_at, updated_at) VALUES (?, ?, ?, ?)', [id, stage, iso(now), iso(now)]);
  // stagesRollup.ts's recordStageChange (the stay before ends, the move counted per day) then the history row.
  const addMove = async (customer: string, from: string | null, to: string, at: string, cause = 'rule') => {
    await dual.run('UPDATE stage_history SET left_at = ? WHERE customer_id = ? AND left_at IS NULL', [at, customer]);
    await dual.run(
      `INSERT INTO stage_flow_daily (day, from_stage, to_stage, moves) VALUES (substr(?, 1, 10), ?, ?, 1)
       ON CONFLICT (day, from_stage, to_stage) DO UPDATE SET moves = stage_flow_daily.moves + 1`,
      [at, from ?? '', to],
    );
    await dual.run('INSERT INTO stage_history (id, customer_id, from_stage, to_stage, cause, at) VALUES (?, ?, ?, ?, ?, ?)', [
      ++historyId,
      customer,
      from,
      to,
      cause,
      at,
    ]);
  };
  const changeStage = async (customer: string, to: string, at: string) => {
    const from = stageOf(customer);
    if (from === undefined || from === to) return;
    await dual.run('UPDATE customers SET lifecycle_stage = ?, updated_at = ? WHERE id = ?', [to, iso(now), customer]);
    await addMove(customer, from, to, at);
  };
  const forgetMoves = (customer: string) =>
    dual.run(
      `UPDATE stage_flow_daily SET moves = moves - 1 WHERE EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = ?
         AND stage_flow_daily.day = substr(h.at, 1, 10) AND stage_flow_daily.from_stage = coalesce(h.from_stage, '') AND stage_flow_daily.to_stage = h.to_stage)`,
      [customer],
    );
  // customerKeys.ts: memberships, then facts, deleted (and put back in the other order).
  const detach = async (customer: string): Promise<Keys> => {
    const facts = sqlite
      .prepare('SELECT first_seen_at, channel, channel_at FROM customer_facts WHERE customer_id = ?')
      .get(customer) as Keys['facts'];
    const segments = sqlite
      .prepare('SELECT segment_id, entered_at FROM segment_memberships WHERE customer_id = ? ORDER BY segment_id')
      .all(customer) as Keys['segments'];
    await dual.run('DELETE FROM segment_memberships WHERE customer_id = ?', [customer]);
    await dual.run('DELETE FROM customer_facts WHERE customer_id = ?', [customer]);
    return { facts, segments };
  };
  const reattach = async (customer: string, keys: Keys) => {
    if (keys.facts)
      await dual.run('INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)', [
        customer,
        keys.facts.first_seen_at,
        keys.facts.channel,
        keys.facts.channel_at,
      ]);
    for (const row of keys.segments)
      await dual.run('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
        row.segment_id,
        customer,
        row.entered_at,
      ]);
  };
  // mergeCustomerRows: both customers' keys detached, mergeStageHistory's one chain written again, the survivor's
  // keys (and the merged customer's segments) re-attached, the survivor's row upserted, the merged one deleted.
  const merge = async (from: string, into: string) => {
    const intoKeys = await detach(into);
    const fromKeys = await detach(from);
    const rows = sqlite
      .prepare('SELECT customer_id, from_stage, to_stage, cause, at FROM stage_history WHERE customer_id IN (?, ?) ORDER BY at, id')
      .all(from, into) as HistoryRow[];
    let chainStage: string | null = null;
    if (rows.some((row) => row.customer_id === from)) {
      const chain: HistoryRow[] = [];
      for (const row of rows) {
        const before = chain.at(-1);
        if (!before) chain.push({ ...row, customer_id: into });
        else if (row.to_stage !== before.to_stage) chain.push({ ...row, customer_id: into, from_stage: before.to_stage });
      }
      await forgetMoves(from);
      await forgetMoves(into);
      await dual.run('DELETE FROM stage_history WHERE customer_id IN (?, ?)', [from, into]);
      for (const row of chain) await addMove(into, row.from_stage, row.to_stage, row.at, row.cause);
      chainStage = chain.at(-1)!.to_stage;
    }
    await reattach(into, { facts: intoKeys.facts ?? fromKeys.facts, segments: [...intoKeys.segments, ...fromKeys.segments] });
    const fromRow = sqlite.prepare('SELECT lifecycle_stage, created_at FROM customers WHERE id = ?').get(from) as {
      lifecycle_stage: string | null;
      created_at: string;
    };
    await dual.run(
      `INSERT INTO customers (id, lifecycle_stage, created_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET lifecycle_stage = coalesce(?, customers.lifecycle_stage, excluded.lifecycle_stage),
         created_at = CASE WHEN excluded.created_at < customers.created_at THEN excluded.created_at ELSE customers.created_at END, updated_at = excluded.updated_at`,
      [into, chainStage ?? fromRow.lifecycle_stage, fromRow.created_at, iso(now), chainStage],
    );
    await dual.run('DELETE FROM segment_memberships WHERE customer_id = ?', [from]);
    await dual.run('DELETE FROM customers WHERE id = ?', [from]);
  };

  for (const id of ids) await insertCustomer(id, null);
  for (let step = 0; step < steps; step += 1) {
    if (step > 0 && step % 300 === 0) await check();
    now += Math.floor(random() * 4 * 60) * MINUTE + Math.floor(random() * MINUTE);
    const id = pick(ids);
    const roll = random();
    if (roll < 0.4) {
      // A stage move now, or backfilled (its stay may end before it began, or last under a minute), or whole minutes
      // after the stay began: on a bucket's edge, where SQLite's julianday arithmetic decides the bucket.
      const open = sqlite.prepare('SELECT at FROM stage_history WHERE customer_id = ? AND left_at IS NULL').get(id) as
        { at: string } | undefined;
      const kind = random();
      const at =
        kind < 0.15
          ? someTime()
          : kind < 0.25
            ? now - Math.floor(random() * 50_000)
            : kind < 0.35 && open
              ? Date.parse(open.at) + (1 + Math.floor(random() * 3)) * MINUTE
              : now;
      await changeStage(id, pick(STAGES), iso(at));
    } else if (roll < 0.52) {
      const seen = random() < 0.3 ? someTime() : now;
      await dual.run(random() < 0.5 ? UPSERT_FACTS : OVERWRITE_FACTS, [id, iso(seen), pick(CHANNELS), iso(seen)]);
    } else if (roll < 0.56) {
      // First seen moved by a backfilled event within its day, or to another day.
      const row = sqlite.prepare('SELECT first_seen_at FROM customer_facts WHERE customer_id = ?').get(id) as
        { first_seen_at: string } | undefined;
      if (row)
        await dual.run('UPDATE customer_facts SET first_seen_at = ? WHERE customer_id = ?', [
          random() < 0.5 ? `${row.first_seen_at.slice(0, 10)}T00:00:00.000Z` : iso(someTime()),
          id,
        ]);
    } else if (roll < 0.66) {
      await dual.run('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
        pick(SEGMENTS),
        id,
        iso(now),
      ]);
    } else if (roll < 0.72) {
      await dual.run('DELETE FROM segment_memberships WHERE customer_id = ? AND segment_id = ?', [id, pick(SEGMENTS)]);
    } else if (roll < 0.75) {
      // A segment saved: set-based, as apps/api/src/services/segments.ts recomputes it.
      const stage = pick(STAGES);
      await dual.run(
        `DELETE FROM segment_memberships WHERE segment_id = 'seg_c' AND customer_id NOT IN (SELECT id FROM customers WHERE lifecycle_stage = ?)`,
        [stage],
      );
      await dual.run(
        `INSERT INTO segment_memberships (segment_id, customer_id, entered_at) SELECT 'seg_c', id, ? FROM customers WHERE lifecycle_stage = ? ON CONFLICT DO NOTHING`,
        [iso(now), stage],
      );
    } else if (roll < 0.78) {
      const into = pick(ids);
      if (into !== id) {
        await merge(id, into);
        ids.splice(ids.indexOf(id), 1);
      }
    } else if (roll < 0.81) {
      if (ids.length <= 20) continue;
      ids.splice(ids.indexOf(id), 1);
      if (random() < 0.6) {
        // deleteCustomerRows: keys detached, history forgotten and deleted, then the customer.
        await detach(id);
        await forgetMoves(id);
        await dual.run('DELETE FROM stage_history WHERE customer_id = ?', [id]);
        await dual.run('DELETE FROM customers WHERE id = ?', [id]);
      } else {
        // The customer row first, then the rest: each table's trigger reads the others as they are.
        await dual.run('DELETE FROM customers WHERE id = ?', [id]);
        await dual.run('DELETE FROM customer_facts WHERE customer_id = ?', [id]);
        await dual.run('DELETE FROM stage_history WHERE customer_id = ?', [id]);
        await dual.run('DELETE FROM segment_memberships WHERE customer_id = ?', [id]);
      }
    } else if (roll < 0.86) {
      // A new customer: bare, created with a stage, or stored after their first event's facts and a segment join.
      const customer = `n${++fresh}`;
      ids.push(customer);
      if (random() < 0.3) {
        await dual.run(UPSERT_FACTS, [customer, iso(now), pick(CHANNELS), iso(now)]);
        await dual.run('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?)', [
          pick(SEGMENTS),
          customer,
          iso(now),
        ]);
      }
      const stage = random() < 0.4 ? pick(STAGES) : null;
      await insertCustomer(customer, stage);
      if (stage !== null) await addMove(customer, null, stage, iso(now), 'created');
    } else if (roll < 0.9) {
      // A stage cleared, or set to what it is (no change).
      const stage = stageOf(id);
      await dual.run('UPDATE customers SET lifecycle_stage = ?, updated_at = ? WHERE id = ?', [
        random() < 0.5 ? null : (stage ?? null),
        iso(now),
        id,
      ]);
    } else {
      // Direct edits of a history row: one watched column (to or from NULL), or nothing watched.
      const row = sqlite.prepare('SELECT id, at, left_at FROM stage_history WHERE customer_id = ? ORDER BY id DESC').get(id) as
        { id: number; at: string; left_at: string | null } | undefined;
      if (!row) continue;
      const edit = random();
      if (edit < 0.2)
        await dual.run('UPDATE stage_history SET at = ? WHERE id = ?', [
          iso(Date.parse(row.at) - Math.floor(random() * 3 * 86_400_000)),
          row.id,
        ]);
      else if (edit < 0.35)
        await dual.run('UPDATE stage_history SET from_stage = ? WHERE id = ?', [random() < 0.3 ? null : pick(STAGES), row.id]);
      else if (edit < 0.5) await dual.run('UPDATE stage_history SET to_stage = ? WHERE id = ?', [pick(STAGES), row.id]);
      else if (edit < 0.65)
        await dual.run('UPDATE stage_history SET left_at = ? WHERE id = ?', [
          row.left_at === null ? iso(now) : random() < 0.5 ? null : iso(Date.parse(row.left_at) + 90 * MINUTE),
          row.id,
        ]);
      else if (edit < 0.75) await dual.run('UPDATE stage_history SET customer_id = ? WHERE id = ?', [pick(ids), row.id]);
      else if (edit < 0.9)
        await dual.run(
          'UPDATE stage_history SET at = at, from_stage = from_stage, to_stage = to_stage, left_at = left_at, customer_id = customer_id WHERE id = ?',
          [row.id],
        );
      else await dual.run("UPDATE stage_history SET cause = 'edited' WHERE id = ?", [row.id]);
    }
  }
}

describe('migration 0028 on Postgres (stage figures keyed by segment and channel)', () => {
  let dual: DualDatabase;

  beforeAll(async () => {
    dual = await openDualOnOwnCluster('stage_keyed');
  });

  afterAll(async () => {
    await dual?.close();
  });

  const count = async (statement: string) => {
    const { sqlite, postgres } = await dual.query(statement);
    expect(postgres).toEqual(sqlite);
    return (sqlite[0] as { n: number }).n;
  };

  it('keeps the same keyed figures as SQLite through a random history of moves, keys, merges and deletions', async () => {
    await randomHistory(dual, 28, 900, async () => expect(await dual.differences()).toEqual([]));
    expect(await dual.differences()).toEqual([]);
    // Every table holds figures under segment, channel and both keys (and the unfiltered ones where kept).
    for (const table of ['stage_now_keyed', 'stage_seen_keyed', 'stage_stays_begun_keyed', 'stage_stays_ended_keyed']) {
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE segment_id = '' AND channel = ''`)).toBeGreaterThan(0);
    }
    for (const table of [
      'stage_now_keyed',
      'stage_moves_keyed',
      'stage_seen_keyed',
      'stage_stays_begun_keyed',
      'stage_stays_ended_keyed',
    ]) {
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE segment_id <> '' AND channel <> ''`)).toBeGreaterThan(3);
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE segment_id = '' AND channel <> ''`)).toBeGreaterThan(3);
    }
    expect(await count('SELECT count(DISTINCT bucket) AS n FROM stage_stays_ended_keyed WHERE stays > 0')).toBeGreaterThan(30);
    expect(await count('SELECT count(*) AS n FROM stage_stays_ended_keyed WHERE bucket = 0 AND stays > 0')).toBeGreaterThan(0);
    // Stays of whole minutes, on a bucket's edge, where SQLite's julianday arithmetic puts some a bucket lower.
    const edges = dual.sqlite
      .prepare(
        'SELECT count(*) AS n FROM stage_history WHERE left_at IS NOT NULL AND round((julianday(left_at) - julianday(at)) * 86400000.0) IN (60000, 120000, 180000)',
      )
      .get() as { n: number };
    expect(edges.n).toBeGreaterThan(5);
    expect(await count("SELECT count(*) AS n FROM stage_now_keyed WHERE stage = '' AND customers > 0")).toBeGreaterThan(0);
  }, 120_000);
});
