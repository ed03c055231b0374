import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// Migration 0036's triggers (Postgres: migrations-pg/0007) mark customers whose funnel walks must be redone
// (stage_funnel_dirty) and keep stage_funnel_keyed equal to the walks (stage_funnel_reach) × each customer's segment
// and channel keys, except while a rebuild fills both (stage_funnel_state.building). A random history of stage moves,
// facts, memberships, flushes and a rebuild, written as stageFunnelRollup.ts and the stage writers do, must leave the
// same rows on both backends.

const CUSTOMERS = Array.from({ length: 30 }, (_, n) => `c${n}`);
const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['google', 'facebook', 'newsletter'];
const STAGES = ['awareness', 'acquisition', 'onboarding', 'engagement', 'retention', 'churned'];
const DAY = 86_400_000;

const JOIN = 'INSERT INTO "segment_memberships" ("segment_id", "customer_id", "entered_at") VALUES (?, ?, ?) ON CONFLICT DO NOTHING';
const REACH_COLUMNS = '"customer_id", "start_stage", "track", "day", "prev_day", "step", "bucket", "entries"';

let dual: DualDatabase;

beforeAll(async () => {
  dual = await openDualOnOwnCluster('stage_funnel');
});

afterAll(async () => {
  await dual?.close();
});

type Reach = [
  customerId: string,
  startStage: string,
  track: string,
  day: string,
  prevDay: string,
  step: number,
  bucket: number,
  entries: number,
];

async function workload(seed: number, steps: number, checkpoint: () => Promise<void>): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY).toISOString().slice(0, 10);
  const at = () => new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 60 * DAY)).toISOString();
  let nextHistoryId = 1;

  /** A customer's walks as funnelWalks would give them: entries per start stage, and the steps each walk reached. */
  const walksOf = (customerId: string): Reach[] => {
    const rows = new Map<string, Reach>();
    for (let n = Math.floor(random() * 4); n > 0; n--) {
      const start = pick(STAGES);
      const track = pick(['main', 'alt']);
      const entry = Math.floor(random() * 50);
      const prevDay = random() < 0.6 ? '' : day(Math.max(0, entry - 1 - Math.floor(random() * 10)));
      for (let step = 0; step <= Math.floor(random() * 3); step++) {
        const row: Reach = [
          customerId,
          start,
          track,
          day(entry),
          prevDay,
          step,
          step === 0 ? -1 : Math.floor(random() * 4),
          1 + Math.floor(random() * 2),
        ];
        rows.set(row.slice(0, 7).join('|'), row);
      }
    }
    return [...rows.values()];
  };
  const insertReach = async (rows: Reach[]) => {
    if (rows.length === 0) return;
    await dual.run(
      `INSERT INTO "stage_funnel_reach" (${REACH_COLUMNS}) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flat(),
    );
  };

  /** flushStageFunnel: the marked customers' walks replaced (the reach triggers move the keyed counts), marks cleared. */
  const flush = async () => {
    const dirty = (
      dual.sqlite.prepare('SELECT customer_id FROM stage_funnel_dirty ORDER BY customer_id').all() as { customer_id: string }[]
    ).map((row) => row.customer_id);
    await dual.run('DELETE FROM "stage_funnel_reach" WHERE "customer_id" IN (SELECT "customer_id" FROM "stage_funnel_dirty")');
    await insertReach(dirty.flatMap(walksOf));
    await dual.run('DELETE FROM "stage_funnel_dirty"');
  };

  /** rebuildStageFunnel: both tables refilled set-based while `building` holds the reach triggers off. */
  const rebuild = async () => {
    await dual.run('UPDATE "stage_funnel_state" SET "building" = 1 WHERE "id" = 1');
    await dual.run('DELETE FROM "stage_funnel_reach"');
    await dual.run('DELETE FROM "stage_funnel_keyed"');
    await dual.run('DELETE FROM "stage_funnel_dirty"');
    await insertReach(CUSTOMERS.flatMap(walksOf));
    await dual.run(`INSERT INTO "stage_funnel_keyed" ("segment_id", "channel", "start_stage", "track", "day", "prev_day", "step", "bucket", "entries")
      SELECT '', '', "start_stage", "track", "day", "prev_day", "step", "bucket", sum("entries") FROM "stage_funnel_reach" GROUP BY 3, 4, 5, 6, 7, 8
      UNION ALL
      SELECT k."segment_id", k."channel", r."start_stage", r."track", r."day", r."prev_day", r."step", r."bucket", sum(r."entries")
      FROM "stage_customer_keys" k JOIN "stage_funnel_reach" r ON r."customer_id" = k."customer_id" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`);
    await dual.run('UPDATE "stage_funnel_state" SET "building" = 0 WHERE "id" = 1');
  };

  /** A stage move: the open row closed (left_at, a column the funnel does not watch), the new one opened. */
  const move = async (customerId: string) => {
    const open = dual.sqlite
      .prepare('SELECT id, to_stage FROM stage_history WHERE customer_id = ? AND left_at IS NULL ORDER BY at DESC LIMIT 1')
      .get(customerId) as { id: number; to_stage: string } | undefined;
    const when = at();
    if (open) await dual.run('UPDATE "stage_history" SET "left_at" = ? WHERE "id" = ?', [when, open.id]);
    await dual.run('INSERT INTO "stage_history" ("id", "customer_id", "from_stage", "to_stage", "cause", "at") VALUES (?, ?, ?, ?, ?, ?)', [
      nextHistoryId++,
      customerId,
      open?.to_stage ?? null,
      pick(STAGES),
      pick(['event', 'rule', 'manual']),
      when,
    ]);
  };
  const someHistoryRow = (customerId: string) =>
    dual.sqlite.prepare('SELECT id FROM stage_history WHERE customer_id = ? ORDER BY id LIMIT 1').get(customerId) as
      { id: number } | undefined;

  await rebuild();
  for (let step = 0; step < steps; step++) {
    if (step > 0 && step % 250 === 0) await checkpoint();
    const customer = pick(CUSTOMERS);
    const roll = random();
    if (roll < 0.25) await move(customer);
    else if (roll < 0.3) {
      // History corrected: a move's time, its stage (and one write that changes neither: the WHEN is false).
      const row = someHistoryRow(customer);
      if (row) await dual.run('UPDATE "stage_history" SET "at" = ? WHERE "id" = ?', [at(), row.id]);
      if (row) await dual.run('UPDATE "stage_history" SET "to_stage" = ? WHERE "id" = ?', [pick(STAGES), row.id]);
      if (row) await dual.run('UPDATE "stage_history" SET "to_stage" = "to_stage", "at" = "at" WHERE "id" = ?', [row.id]);
    } else if (roll < 0.43) {
      // First seen (facts inserted, with or without a channel) or an earlier touch: first seen and the channel move.
      const timestamp = at();
      const channel = random() < 0.6 ? pick(CHANNELS) : null;
      await dual.run(
        `INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel", "channel_at") VALUES (?, ?, ?, ?)
         ON CONFLICT ("customer_id") DO UPDATE SET "first_seen_at" = excluded."first_seen_at",
           "channel" = coalesce(excluded."channel", "customer_facts"."channel"), "channel_at" = coalesce(excluded."channel_at", "customer_facts"."channel_at")
         WHERE excluded."first_seen_at" < "customer_facts"."first_seen_at"`,
        [customer, timestamp, channel, channel === null ? null : timestamp],
      );
    } else if (roll < 0.46) {
      await dual.run('UPDATE "customer_facts" SET "channel" = ? WHERE "customer_id" = ?', [
        random() < 0.4 ? null : pick(CHANNELS),
        customer,
      ]);
    } else if (roll < 0.48) {
      await dual.run('UPDATE "customer_facts" SET "channel" = "channel", "first_seen_at" = "first_seen_at" WHERE "customer_id" = ?', [
        customer,
      ]);
    } else if (roll < 0.62) await dual.run(JOIN, [pick(SEGMENTS), customer, at()]);
    else if (roll < 0.72)
      await dual.run('DELETE FROM "segment_memberships" WHERE "customer_id" = ? AND "segment_id" = ?', [customer, pick(SEGMENTS)]);
    else if (roll < 0.87) await flush();
    else if (roll < 0.93) {
      // Forgotten: keys detached (memberships, then facts), stage history deleted; the next flush drops their walks.
      await dual.run('DELETE FROM "segment_memberships" WHERE "customer_id" = ?', [customer]);
      await dual.run('DELETE FROM "customer_facts" WHERE "customer_id" = ?', [customer]);
      await dual.run('DELETE FROM "stage_history" WHERE "customer_id" = ?', [customer]);
    } else if (roll < 0.99) {
      // Merged into another customer: the stage history moves over (customer_id updated: both are marked).
      const into = pick(CUSTOMERS);
      if (into !== customer) await dual.run('UPDATE "stage_history" SET "customer_id" = ? WHERE "customer_id" = ?', [into, customer]);
    } else await rebuild();
  }
  await flush();
}

describe('stage funnel rollup (0036) on Postgres', () => {
  it('holds the same rows as SQLite through stage moves, facts, segment moves, flushes, forgets, merges and rebuilds', async () => {
    const check = async () => expect(await dual.differences()).toEqual([]);
    await workload(36, 800, check);
    await check();
    const { count } = dual.sqlite
      .prepare("SELECT count(*) AS count FROM stage_funnel_keyed WHERE segment_id <> '' AND channel <> '' AND entries > 0")
      .get() as { count: number };
    expect(count).toBeGreaterThan(0);
  });
});
