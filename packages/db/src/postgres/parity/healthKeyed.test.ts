import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// Parity of the health rollups keyed by segment and channel (SQLite migration 0041, Postgres 0012): the same writes of
// scores, history, stages, memberships and first-touch channels on both backends leave the same rollup rows.

const ROLLUPS = ['health_now_keyed', 'health_member_keyed', 'health_moves_keyed'];
const STAGES = ['lead', 'trial', 'customer', 'churned'];
const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['ads', 'news', null];
const bandOf = (score: number) => (score >= 70 ? 'healthy' : score >= 40 ? 'at_risk' : 'critical');

let dual: DualDatabase;

beforeAll(async () => {
  dual = await openDualOnOwnCluster('parity_health_keyed');
});

afterAll(async () => {
  await dual?.close();
});

/** The workload's state, read from SQLite (both backends hold the same base rows: `run` writes both). */
const one = <T>(statement: string, ...params: unknown[]) => dual.sqlite.prepare(statement).get(...params) as T | undefined;
const all = <T>(statement: string, ...params: unknown[]) => dual.sqlite.prepare(statement).all(...params) as T[];

/** A rescore as healthStatements.ts stores it: the current row upserted, a history row naming the band before. */
async function rescore(customerId: string, score: number, at: string): Promise<void> {
  const before = one<{ band: string }>('SELECT band FROM customer_health WHERE customer_id = ?', customerId);
  const band = bandOf(score);
  await dual.run(
    'INSERT INTO "customer_health" ("customer_id", "score", "band", "computed_at") VALUES (?, ?, ?, ?) ON CONFLICT ("customer_id") DO UPDATE SET "score" = excluded."score", "band" = excluded."band", "computed_at" = excluded."computed_at"',
    [customerId, score, band, at],
  );
  await dual.run('INSERT INTO "health_history" ("customer_id", "score", "band", "from_band", "at") VALUES (?, ?, ?, ?, ?)', [
    customerId,
    score,
    band,
    before?.band ?? null,
    at,
  ]);
}

/** detachCustomerKeys: every membership in one statement (several rows of one customer), then the facts. */
async function detachKeys(customerId: string) {
  const facts = one<{ first_seen_at: string; channel: string | null; channel_at: string | null }>(
    'SELECT first_seen_at, channel, channel_at FROM customer_facts WHERE customer_id = ?',
    customerId,
  );
  const memberships = all<{ segment_id: string; entered_at: string }>(
    'SELECT segment_id, entered_at FROM segment_memberships WHERE customer_id = ? ORDER BY segment_id',
    customerId,
  );
  await dual.run('DELETE FROM "segment_memberships" WHERE "customer_id" = ?', [customerId]);
  await dual.run('DELETE FROM "customer_facts" WHERE "customer_id" = ?', [customerId]);
  return { facts, memberships };
}

/** reattachCustomerKeys: the facts, then the memberships (one by one, or — `together` — in one multi-row statement). */
async function reattachKeys(customerId: string, keys: Awaited<ReturnType<typeof detachKeys>>, together: boolean): Promise<void> {
  if (keys.facts)
    await dual.run('INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel", "channel_at") VALUES (?, ?, ?, ?)', [
      customerId,
      keys.facts.first_seen_at,
      keys.facts.channel,
      keys.facts.channel_at,
    ]);
  if (together && keys.memberships.length > 0) {
    await dual.run(
      `INSERT INTO "segment_memberships" ("segment_id", "customer_id", "entered_at") VALUES ${keys.memberships.map(() => '(?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
      keys.memberships.flatMap((m) => [m.segment_id, customerId, m.entered_at]),
    );
  } else
    for (const m of keys.memberships)
      await dual.run(
        'INSERT INTO "segment_memberships" ("segment_id", "customer_id", "entered_at") VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        [m.segment_id, customerId, m.entered_at],
      );
}

/** forgetCustomerHealth: the current score and the whole history, each in one statement. */
async function forgetHealth(customerId: string): Promise<void> {
  await dual.run('DELETE FROM "customer_health" WHERE "customer_id" = ?', [customerId]);
  await dual.run('DELETE FROM "health_history" WHERE "customer_id" = ?', [customerId]);
}

/** deleteCustomerRows as a forget runs it: keys detached, health forgotten, the customer row last. */
async function forgetCustomer(customerId: string): Promise<void> {
  await detachKeys(customerId);
  await forgetHealth(customerId);
  await dual.run('DELETE FROM "customers" WHERE "id" = ?', [customerId]);
}

/**
 * mergeCustomerRows: both detached, `into`'s keys back, `from` deleted (keepHistory), the stage coalesced into `into`.
 * A stage of '' is never merged (nor set over NULL, below): value_groups_customer_stage (0014) fails on NULL ↔ ''.
 */
async function mergeCustomers(fromId: string, intoId: string, at: string): Promise<void> {
  const from = one<{ lifecycle_stage: string | null; created_at: string }>(
    'SELECT lifecycle_stage, created_at FROM customers WHERE id = ?',
    fromId,
  );
  const intoKeys = await detachKeys(intoId);
  await detachKeys(fromId);
  await reattachKeys(intoId, intoKeys, false);
  await forgetHealth(fromId);
  await dual.run('DELETE FROM "customers" WHERE "id" = ?', [fromId]);
  await dual.run(
    `INSERT INTO "customers" ("id", "lifecycle_stage", "created_at", "updated_at") VALUES (?, ?, ?, ?)
     ON CONFLICT ("id") DO UPDATE SET "lifecycle_stage" = coalesce("customers"."lifecycle_stage", excluded."lifecycle_stage"), "updated_at" = excluded."updated_at"`,
    [intoId, from?.lifecycle_stage || null, from?.created_at ?? at, at],
  );
}

describe('health keyed rollups on Postgres (0041 → 0012)', () => {
  it('hold the same rows as SQLite through rescores, stage moves, joins and leaves, channel changes, merges and forgets', async () => {
    const random = seededRandom(4141);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    let clock = Date.UTC(2026, 0, 1);
    // Mostly minutes apart, sometimes days: moves land on many days and on the same day.
    const tick = () => new Date((clock += Math.floor(random() * (random() < 0.2 ? 2 * 86_400_000 : 3_600_000)))).toISOString();
    const ids = Array.from({ length: 36 }, (_, n) => `c${n}`);
    let fresh = 0;
    for (const id of ids) {
      const at = tick();
      await dual.run('INSERT INTO "customers" ("id", "lifecycle_stage", "created_at", "updated_at") VALUES (?, ?, ?, ?)', [
        id,
        random() < 0.25 ? null : pick(STAGES),
        at,
        at,
      ]);
    }
    const customer = () => pick(ids);
    const seen = new Set<string>();
    const count = (name: string) => seen.add(name);

    for (let step = 0; step < 700; step += 1) {
      const at = tick();
      const id = customer();
      const roll = random();
      if (roll < 0.32) {
        const current = one<{ score: number }>('SELECT score FROM customer_health WHERE customer_id = ?', id);
        const score =
          current === undefined ? Math.floor(random() * 101) : Math.max(0, Math.min(100, current.score + Math.floor(random() * 41) - 20));
        // The writer skips an unchanged score; a same-score upsert still happens (another input moved) and must add nothing.
        if (current?.score === score && random() < 0.5) count('rescore skipped');
        else {
          count(
            current === undefined
              ? 'first score'
              : current.score === score
                ? 'same score'
                : bandOf(current.score) === bandOf(score)
                  ? 'rescore in band'
                  : 'band move',
          );
          await rescore(id, score, at);
        }
      } else if (roll < 0.42) {
        // changeStage, a stage cleared, or the same stage written again.
        const current = (one<{ s: string | null }>('SELECT lifecycle_stage AS s FROM customers WHERE id = ?', id))?.s ?? null;
        const stage = random() < 0.1 ? (current === '' ? pick(STAGES) : null) : random() < 0.1 ? current : pick(STAGES);
        count('stage');
        await dual.run('UPDATE "customers" SET "lifecycle_stage" = ?, "updated_at" = ? WHERE "id" = ?', [stage, at, id]);
      } else if (roll < 0.47) {
        // The per-event upsert of customerFacts.ts: first seen moves back, the channel moves to an earlier touch.
        const channel = pick(CHANNELS);
        const touched = new Date(Date.parse(at) - Math.floor(random() * 30 * 86_400_000)).toISOString();
        count('facts upsert');
        await dual.run(
          `INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel", "channel_at") VALUES (?, ?, ?, ?)
           ON CONFLICT ("customer_id") DO UPDATE SET "first_seen_at" = CASE WHEN excluded."first_seen_at" < "customer_facts"."first_seen_at" THEN excluded."first_seen_at" ELSE "customer_facts"."first_seen_at" END,
             "channel" = CASE WHEN excluded."channel" IS NOT NULL AND ("customer_facts"."channel_at" IS NULL OR excluded."channel_at" < "customer_facts"."channel_at") THEN excluded."channel" ELSE "customer_facts"."channel" END,
             "channel_at" = CASE WHEN excluded."channel" IS NOT NULL AND ("customer_facts"."channel_at" IS NULL OR excluded."channel_at" < "customer_facts"."channel_at") THEN excluded."channel_at" ELSE "customer_facts"."channel_at" END
           WHERE excluded."first_seen_at" < "customer_facts"."first_seen_at" OR (excluded."channel" IS NOT NULL AND ("customer_facts"."channel_at" IS NULL OR excluded."channel_at" < "customer_facts"."channel_at"))`,
          [id, touched, channel, channel === null ? null : touched],
        );
      } else if (roll < 0.53) {
        // A channel set, moved or cleared outright (to and from NULL), as the 0041 SQLite test drives it.
        count('channel set');
        await dual.run(
          'INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel", "channel_at") VALUES (?, ?, ?, ?) ON CONFLICT ("customer_id") DO UPDATE SET "channel" = excluded."channel", "channel_at" = excluded."channel_at"',
          [id, at, pick(CHANNELS), at],
        );
      } else if (roll < 0.63) {
        count('join');
        await dual.run(
          'INSERT INTO "segment_memberships" ("segment_id", "customer_id", "entered_at") VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
          [pick(SEGMENTS), id, at],
        );
      } else if (roll < 0.69) {
        count('leave');
        await dual.run('DELETE FROM "segment_memberships" WHERE "customer_id" = ? AND "segment_id" = ?', [id, pick(SEGMENTS)]);
      } else if (roll < 0.72) {
        // A segment saved: set-based, as apps/api/src/services/segments.ts recomputes it (many customers, one statement).
        count('segment saved');
        const stage = pick(STAGES);
        await dual.run(
          'DELETE FROM "segment_memberships" WHERE "segment_id" = \'seg_c\' AND "customer_id" NOT IN (SELECT "id" FROM "customers" WHERE "lifecycle_stage" = ?)',
          [stage],
        );
        await dual.run(
          'INSERT INTO "segment_memberships" ("segment_id", "customer_id", "entered_at") SELECT \'seg_c\', "id", ? FROM "customers" WHERE "lifecycle_stage" = ? ON CONFLICT DO NOTHING',
          [at, stage],
        );
      } else if (roll < 0.76) {
        // Keys detached and put back (a merge's `into` side): memberships leave in one statement, come back one by one or together.
        const together = random() < 0.5;
        count(together ? 'keys back together' : 'keys back one by one');
        await reattachKeys(id, await detachKeys(id), together);
      } else if (roll < 0.79) {
        const into = customer();
        if (into !== id && ids.length > 12) {
          count('merge');
          await mergeCustomers(id, into, at);
          ids.splice(ids.indexOf(id), 1);
        }
      } else if (roll < 0.81 && ids.length > 12) {
        count('forget');
        await forgetCustomer(id);
        ids.splice(ids.indexOf(id), 1);
      } else if (roll < 0.83) {
        count('health forgotten');
        await forgetHealth(id);
      } else if (roll < 0.86) {
        // A history row rewritten in place (no writer does this today; the rollups hold anyway): day, from band, band.
        const row = one<{ id: number; band: string; from_band: string | null }>(
          'SELECT id, band, from_band FROM health_history WHERE customer_id = ? ORDER BY id DESC LIMIT 1',
          id,
        );
        if (row) {
          const change = pick(['at', 'from', 'band', 'same'] as const);
          count(`history ${change}`);
          if (change === 'at') await dual.run('UPDATE "health_history" SET "at" = ? WHERE "id" = ?', [tick(), row.id]);
          else if (change === 'from')
            await dual.run('UPDATE "health_history" SET "from_band" = ? WHERE "id" = ?', [pick([null, row.band, 'critical']), row.id]);
          else if (change === 'band')
            await dual.run('UPDATE "health_history" SET "band" = ? WHERE "id" = ?', [pick(['healthy', 'at_risk', 'critical']), row.id]);
          else await dual.run('UPDATE "health_history" SET "band" = "band", "at" = "at" WHERE "id" = ?', [row.id]);
        }
      } else if (roll < 0.87) {
        // One history row deleted (band move or not) and one moved to another customer.
        const row = one<{ id: number }>('SELECT id FROM health_history WHERE customer_id = ? ORDER BY id LIMIT 1', id);
        if (row) {
          count('history row deleted or moved');
          if (random() < 0.5) await dual.run('DELETE FROM "health_history" WHERE "id" = ?', [row.id]);
          else await dual.run('UPDATE "health_history" SET "customer_id" = ? WHERE "id" = ?', [customer(), row.id]);
        }
      } else if (roll < 0.89) {
        // Many current scores rescored in one statement (in band, so health_keyed_current_rescored; across, current_moved).
        count('set-based rescore');
        await dual.run(
          'UPDATE "customer_health" SET "score" = "score" + 1, "computed_at" = ? WHERE "score" < 100 AND "customer_id" IN (SELECT "customer_id" FROM "segment_memberships" WHERE "segment_id" = ?)',
          [at, pick(SEGMENTS)],
        );
        await dual.run(
          'UPDATE "customer_health" SET "band" = CASE WHEN "score" >= 70 THEN \'healthy\' WHEN "score" >= 40 THEN \'at_risk\' ELSE \'critical\' END WHERE "band" <> CASE WHEN "score" >= 70 THEN \'healthy\' WHEN "score" >= 40 THEN \'at_risk\' ELSE \'critical\' END',
        );
      } else if (roll < 0.9) {
        // A current score moved to an id that has none (health_keyed_current_moved on customer_id).
        const target = `n${fresh++}`;
        if (await one('SELECT 1 FROM customer_health WHERE customer_id = ?', id)) {
          count('score moved to another id');
          await dual.run('UPDATE "customer_health" SET "customer_id" = ? WHERE "customer_id" = ?', [target, id]);
          await dual.run('INSERT INTO "customers" ("id", "lifecycle_stage", "created_at", "updated_at") VALUES (?, ?, ?, ?)', [
            target,
            pick([null, ...STAGES]),
            at,
            at,
          ]);
          ids.push(target);
        }
      } else if (roll < 0.92) {
        // First-touch facts moved to an id that has none (health_keyed_facts_update on customer_id).
        const target = `n${fresh++}`;
        if (await one('SELECT 1 FROM customer_facts WHERE customer_id = ?', id)) {
          count('facts moved to another id');
          await dual.run('INSERT INTO "customers" ("id", "lifecycle_stage", "created_at", "updated_at") VALUES (?, ?, ?, ?)', [
            target,
            null,
            at,
            at,
          ]);
          await dual.run('UPDATE "customer_facts" SET "customer_id" = ? WHERE "customer_id" = ?', [target, id]);
          ids.push(target);
        }
      } else if (roll < 0.95) {
        // A score (and keys) stored before the customers row: the row arrives with a stage, no stage or ''.
        const target = `n${fresh++}`;
        count('scored before the customer row');
        await rescore(target, Math.floor(random() * 101), at);
        if (random() < 0.5)
          await dual.run('INSERT INTO "segment_memberships" ("segment_id", "customer_id", "entered_at") VALUES (?, ?, ?)', [
            pick(SEGMENTS),
            target,
            at,
          ]);
        if (random() < 0.5)
          await dual.run('INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel", "channel_at") VALUES (?, ?, ?, ?)', [
            target,
            at,
            pick(CHANNELS),
            at,
          ]);
        await dual.run('INSERT INTO "customers" ("id", "lifecycle_stage", "created_at", "updated_at") VALUES (?, ?, ?, ?)', [
          target,
          pick([null, '', ...STAGES]),
          at,
          at,
        ]);
        ids.push(target);
      } else if (roll < 0.97) {
        // A customers row deleted alone (its score stays, counted under stage '' again).
        count('customer row deleted');
        await dual.run('DELETE FROM "customers" WHERE "id" = ?', [id]);
        await dual.run('INSERT INTO "customers" ("id", "lifecycle_stage", "created_at", "updated_at") VALUES (?, ?, ?, ?)', [
          id,
          pick([null, ...STAGES]),
          at,
          at,
        ]);
      } else {
        const target = `n${fresh++}`;
        count('new customer');
        await dual.run('INSERT INTO "customers" ("id", "lifecycle_stage", "created_at", "updated_at") VALUES (?, ?, ?, ?)', [
          target,
          pick([null, 'lead']),
          at,
          at,
        ]);
        ids.push(target);
      }
      if (step === 250 || step === 500) expect(await dual.differences()).toEqual([]);
    }

    expect(await dual.differences()).toEqual([]);
    // Every kind of write happened, and the rollups hold counted rows (empty against empty would prove nothing).
    expect([...seen].sort()).toEqual(
      [
        'band move',
        'channel set',
        'customer row deleted',
        'facts moved to another id',
        'facts upsert',
        'first score',
        'forget',
        'health forgotten',
        'history at',
        'history band',
        'history from',
        'history row deleted or moved',
        'history same',
        'join',
        'keys back one by one',
        'keys back together',
        'leave',
        'merge',
        'new customer',
        'rescore in band',
        'rescore skipped',
        'same score',
        'score moved to another id',
        'scored before the customer row',
        'segment saved',
        'set-based rescore',
        'stage',
      ].sort(),
    );
    for (const table of ROLLUPS) {
      const counted = one<{ n: number }>(
        `SELECT count(*) AS n FROM ${table} WHERE ${table === 'health_moves_keyed' ? 'moves' : 'customers'} <> 0 AND segment_id <> '' AND channel <> ''`,
      );
      expect(counted!.n, table).toBeGreaterThan(5);
    }
  }, 120_000);
});
