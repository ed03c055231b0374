import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// Parity of filter_keys_channel_removed (SQLite migration 0047, Postgres 0016): a customer's first-touch facts deleted —
// forgotten, or merged into another customer — take their runs, arm passes, conversions and survey answers out of the
// channel keys ('c:<channel>', 's:<segment>|c:<channel>') that the triggers of 0030 (Postgres 0005) put them under.

const KEYED = ['journey_filtered_runs', 'experiment_arm_days', 'journey_conversion_rows', 'survey_answer_rows'];
const SEGMENTS = ['seg_a', 'seg_b'];
const CHANNELS = ['google', 'facebook', null];
const VERSIONS = [
  ['j1', 'v1'],
  ['j1', 'v2'],
  ['j2', 'v3'],
] as const;
const T0 = '2025-12-01T00:00:00.000Z';

let dual: DualDatabase;

beforeAll(async () => {
  dual = await openDualOnOwnCluster('parity_forget_merge_keys');
});

afterAll(async () => {
  await dual?.close();
});

/** The workload's state, read from SQLite (both backends hold the same base rows: `run` writes both). */
const all = <T>(statement: string, ...params: unknown[]) => dual.sqlite.prepare(statement).all(...params) as T[];
const one = <T>(statement: string, ...params: unknown[]) => dual.sqlite.prepare(statement).get(...params) as T | undefined;

/** detachCustomerKeys: the memberships (one statement), then the facts — the delete filter_keys_channel_removed watches. */
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

/** reattachCustomerKeys: the facts, then the memberships one by one. */
async function reattachKeys(customerId: string, keys: Awaited<ReturnType<typeof detachKeys>>): Promise<void> {
  if (keys.facts)
    await dual.run('INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel", "channel_at") VALUES (?, ?, ?, ?)', [
      customerId,
      keys.facts.first_seen_at,
      keys.facts.channel,
      keys.facts.channel_at,
    ]);
  for (const m of keys.memberships)
    await dual.run(
      'INSERT INTO "segment_memberships" ("segment_id", "customer_id", "entered_at") VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      [m.segment_id, customerId, m.entered_at],
    );
}

/** deleteCustomerRows: forgetCustomerAnalytics (keys, survey answers, the journey uncounts of forgetJourneys.ts), then the rows. */
async function forgetCustomer(customerId: string): Promise<void> {
  await detachKeys(customerId);
  await dual.run('DELETE FROM "survey_answers" WHERE "customer_id" = ?', [customerId]);
  await dual.run('DELETE FROM "run_conversions" WHERE "customer_id" = ?', [customerId]);
  await dual.run(
    `INSERT INTO "experiment_arm_days" ("filter_key", "journey_id", "node_id", "day", "arm", "entered", "converted")
     SELECT '*', "journey_id", "node_id", "day", "arm", -count(*), -sum("converted") FROM "experiment_arm_runs" WHERE "customer_id" = ? GROUP BY 2, 3, 4, 5
     ON CONFLICT ("filter_key", "journey_id", "node_id", "day", "arm") DO UPDATE SET "entered" = "experiment_arm_days"."entered" + excluded."entered", "converted" = "experiment_arm_days"."converted" + excluded."converted"`,
    [customerId],
  );
  await dual.run('DELETE FROM "experiment_arm_runs" WHERE "customer_id" = ?', [customerId]);
  await dual.run('DELETE FROM "journey_run_windows" WHERE "customer_id" = ?', [customerId]);
  await dual.run('DELETE FROM "run_steps" WHERE "workflow_id" IN (SELECT "workflow_id" FROM "runs" WHERE "customer_id" = ?)', [customerId]);
  await dual.run('DELETE FROM "runs" WHERE "customer_id" = ?', [customerId]);
  await dual.run('DELETE FROM "customers" WHERE "id" = ?', [customerId]);
}

/** mergeCustomerAnalytics + mergeCustomerRows: both detached, `from`'s rows moved to `into`, `into`'s keys back, `from` deleted. */
async function mergeCustomers(fromId: string, intoId: string): Promise<void> {
  const intoKeys = await detachKeys(intoId);
  await detachKeys(fromId);
  await dual.run('DELETE FROM "survey_answers" WHERE "customer_id" = ?', [fromId]);
  await dual.run('UPDATE "journey_run_windows" SET "revenue" = 0 WHERE "customer_id" = ? AND "revenue" <> 0', [fromId]);
  for (const table of ['runs', 'journey_run_windows', 'run_conversions', 'experiment_arm_runs', 'journey_conversion_rows'])
    await dual.run(`UPDATE "${table}" SET "customer_id" = ? WHERE "customer_id" = ?`, [intoId, fromId]);
  await reattachKeys(intoId, intoKeys);
  await dual.run('DELETE FROM "segment_memberships" WHERE "customer_id" = ?', [fromId]);
  await dual.run('DELETE FROM "customers" WHERE "id" = ?', [fromId]);
}

describe('filter_keys_channel_removed on Postgres (0047 → 0016)', () => {
  it('takes a forgotten or merged customer out of the channel keys as SQLite does', async () => {
    const random = seededRandom(4747);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    // Twelve days: a customer's runs share days and arms, so the trigger's grouped counts and sums are more than ones.
    const at = () => new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 12 * 86_400_000)).toISOString();
    await dual.run(
      `INSERT INTO "journeys" ("id", "name", "draft", "created_at", "updated_at") VALUES ('j1', 'One', '{}', ?, ?), ('j2', 'Two', '{}', ?, ?)`,
      [T0, T0, T0, T0],
    );
    await dual.run(
      `INSERT INTO "journey_versions" ("id", "journey_id", "version", "graph", "trigger_event", "published_at") VALUES ('v1', 'j1', 1, '{}', 'x', ?), ('v2', 'j1', 2, '{}', 'x', ?), ('v3', 'j2', 1, '{}', 'x', ?)`,
      [T0, T0, T0],
    );
    const ids = Array.from({ length: 30 }, (_, n) => `c${n}`);
    let fresh = 0;
    const addCustomer = async (id: string) => {
      await dual.run('INSERT INTO "customers" ("id", "created_at", "updated_at") VALUES (?, ?, ?)', [id, T0, T0]);
      if (random() < 0.75) {
        const channel = pick(CHANNELS);
        await dual.run('INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel", "channel_at") VALUES (?, ?, ?, ?)', [
          id,
          T0,
          channel,
          channel === null ? null : T0,
        ]);
      }
      for (const segment of SEGMENTS)
        if (random() < 0.45)
          await dual.run('INSERT INTO "segment_memberships" ("segment_id", "customer_id", "entered_at") VALUES (?, ?, ?)', [
            segment,
            id,
            T0,
          ]);
    };
    for (const id of ids) await addCustomer(id);

    const seen = new Set<string>();
    let workflows = 0;
    let events = 0;
    for (let step = 0; step < 450; step += 1) {
      const id = pick(ids);
      const roll = random();
      if (roll < 0.4) {
        // A run as journeysRandomHistory.ts writes one: started, a pass through the split, a status, maybe a conversion with revenue.
        const [journey, version] = pick(VERSIONS);
        const workflowId = `w${workflows++}`;
        const started = at();
        await dual.run(
          'INSERT INTO "runs" ("workflow_id", "journey_id", "version_id", "customer_id", "status", "started_at", "updated_at") VALUES (?, ?, ?, ?, ?, ?, ?)',
          [workflowId, journey, version, id, 'running', started, started],
        );
        if (random() < 0.7)
          await dual.run(
            `INSERT INTO "journey_run_windows" ("workflow_id", "journey_id", "version_id", "customer_id", "goal_event", "started_at", "window_ends_at") VALUES (?, ?, ?, ?, 'purchase', ?, '2027-01-01T00:00:00.000Z')`,
            [workflowId, journey, version, id, started],
          );
        if (random() < 0.8)
          await dual.run(
            `INSERT INTO "run_steps" ("workflow_id", "seq", "node_id", "node_type", "entered_at", "exit") VALUES (?, 1, 'split', 'random_split', ?, ?)`,
            [workflowId, started, pick(['a', 'b'])],
          );
        if (random() < 0.7)
          await dual.run('UPDATE "runs" SET "status" = ?, "updated_at" = ? WHERE "workflow_id" = ?', [
            pick(['completed', 'failed', 'waiting']),
            started,
            workflowId,
          ]);
        if (random() < 0.4)
          await dual.run(
            'INSERT INTO "run_conversions" ("workflow_id", "journey_id", "version_id", "customer_id", "started_at", "converted_at") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
            [
              workflowId,
              journey,
              version,
              id,
              started,
              new Date(Date.parse(started) + Math.floor(random() * 20) * 3_600_000).toISOString(),
            ],
          );
        if (random() < 0.5)
          await dual.run('UPDATE "journey_run_windows" SET "revenue" = "revenue" + ? WHERE "workflow_id" = ?', [
            Math.round(random() * 10_000) / 100,
            workflowId,
          ]);
        seen.add('run');
      } else if (roll < 0.55) {
        const kind = pick(['nps', 'csat'] as const);
        await dual.run(
          `INSERT INTO "survey_answers" ("customer_id", "survey", "kind", "score", "stage", "journey_id", "event_id", "answered_at") VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT ("customer_id", "survey") DO UPDATE SET "score" = excluded."score", "answered_at" = excluded."answered_at", "stage" = excluded."stage"`,
          [
            id,
            pick(kind === 'nps' ? ['q1', 'q2'] : ['s1']),
            kind,
            kind === 'nps' ? Math.floor(random() * 11) : 1 + Math.floor(random() * 5),
            pick(['onboarding', 'retention', null]),
            pick(['j1', null]),
            `e${events++}`,
            at(),
          ],
        );
        seen.add('survey answer');
      } else if (roll < 0.65) {
        // A channel set, moved or cleared (filter_keys_channel_moved), so facts are deleted with every kind of channel.
        const channel = pick(CHANNELS);
        await dual.run(
          'INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel", "channel_at") VALUES (?, ?, ?, ?) ON CONFLICT ("customer_id") DO UPDATE SET "channel" = excluded."channel", "channel_at" = excluded."channel_at"',
          [id, T0, channel, channel === null ? null : T0],
        );
        seen.add('channel set');
      } else if (roll < 0.75) {
        if (random() < 0.5)
          await dual.run(
            'INSERT INTO "segment_memberships" ("segment_id", "customer_id", "entered_at") VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
            [pick(SEGMENTS), id, at()],
          );
        else await dual.run('DELETE FROM "segment_memberships" WHERE "segment_id" = ? AND "customer_id" = ?', [pick(SEGMENTS), id]);
        seen.add('membership');
      } else if (roll < 0.8) {
        // Keys detached and put back with nothing moved (a merge into a customer with no visitor rows): out and in again.
        await reattachKeys(id, await detachKeys(id));
        seen.add('keys detached and back');
      } else if (roll < 0.88 && ids.length > 10) {
        const into = pick(ids);
        if (into !== id) {
          const channel = one<{ channel: string | null }>('SELECT channel FROM customer_facts WHERE customer_id = ?', id);
          seen.add(channel === undefined ? 'merge without facts' : channel.channel === null ? 'merge without a channel' : 'merge');
          await mergeCustomers(id, into);
          ids.splice(ids.indexOf(id), 1);
        }
      } else if (roll < 0.94 && ids.length > 10) {
        const channel = one<{ channel: string | null }>('SELECT channel FROM customer_facts WHERE customer_id = ?', id);
        seen.add(channel === undefined ? 'forget without facts' : channel.channel === null ? 'forget without a channel' : 'forget');
        await forgetCustomer(id);
        ids.splice(ids.indexOf(id), 1);
      } else {
        const newcomer = `n${fresh++}`;
        await addCustomer(newcomer);
        ids.push(newcomer);
        seen.add('new customer');
      }
      if (step === 150 || step === 300) expect(await dual.differences()).toEqual([]);
    }

    expect(await dual.differences()).toEqual([]);
    expect([...seen].sort()).toEqual(
      [
        'channel set',
        'forget',
        'forget without a channel',
        'forget without facts',
        'keys detached and back',
        'membership',
        'merge',
        'merge without a channel',
        'merge without facts',
        'new customer',
        'run',
        'survey answer',
      ].sort(),
    );
    // Rows under channel keys, and some taken down to zero by a forget or a merge: the trigger had work to do.
    for (const table of KEYED)
      expect((one<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE filter_key LIKE '%c:%'`))!.n, table).toBeGreaterThan(5);
    expect(
      (one<{ n: number }>("SELECT count(*) AS n FROM journey_filtered_runs WHERE filter_key LIKE '%c:%' AND runs = 0"))!.n,
    ).toBeGreaterThan(0);
    expect(
      (one<{ n: number }>("SELECT count(*) AS n FROM experiment_arm_days WHERE filter_key LIKE '%c:%' AND entered = 0"))!.n,
    ).toBeGreaterThan(0);
  }, 120_000);
});
