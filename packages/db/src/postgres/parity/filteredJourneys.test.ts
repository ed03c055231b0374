import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// Migration 0030's triggers (Postgres: migrations-pg/0005) keep runs, conversions, split arms and survey answers under
// every filter key of their customer ('*', 'c:<channel>', 's:<segment>', 's:<segment>|c:<channel>'). A random history
// written as the run recorder, the conversion and revenue hooks, the survey hook, segment saves and forget/merge write
// those tables must leave the same rows on both backends.

const CUSTOMERS = Array.from({ length: 30 }, (_, n) => `c${n}`);
const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['google', 'facebook', 'newsletter'];
const VERSIONS = [
  ['j1', 'v1'],
  ['j1', 'v2'],
  ['j2', 'v3'],
] as const;
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

const JOIN = 'INSERT INTO "segment_memberships" ("segment_id", "customer_id", "entered_at") VALUES (?, ?, ?) ON CONFLICT DO NOTHING';
// The channel as journeysRandomHistory sets it: facts inserted (with or without one), or the channel replaced.
const SET_CHANNEL = `INSERT INTO "customer_facts" ("customer_id", "first_seen_at", "channel") VALUES (?, '2025-12-01T00:00:00.000Z', ?)
  ON CONFLICT ("customer_id") DO UPDATE SET "channel" = excluded."channel"`;
// upsertRun and upsertRunStep (runProgress.ts), with the clock passed in.
const RUN = `INSERT INTO "runs" ("workflow_id", "journey_id", "version_id", "customer_id", "status", "started_at", "updated_at") VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT ("workflow_id") DO UPDATE SET "version_id" = excluded."version_id", "status" = excluded."status", "updated_at" = excluded."updated_at"`;
const STEP = `INSERT INTO "run_steps" ("workflow_id", "seq", "node_id", "node_type", "entered_at", "exit", "failed") VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT ("workflow_id", "seq") DO UPDATE SET "node_id" = excluded."node_id", "node_type" = excluded."node_type", "entered_at" = excluded."entered_at", "exit" = excluded."exit"`;
const CONVERT = `INSERT INTO "run_conversions" ("workflow_id", "journey_id", "version_id", "customer_id", "started_at", "converted_at") VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT ("workflow_id") DO NOTHING`;
// The survey hook's upsert (surveysRollup.ts), its stage passed in: the latest answer by event time wins.
const ANSWER = `INSERT INTO "survey_answers" ("customer_id", "survey", "kind", "score", "comment", "stage", "delivery_id", "journey_id", "event_id", "answered_at") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT ("customer_id", "survey") DO UPDATE SET "kind" = excluded."kind", "score" = excluded."score", "stage" = excluded."stage", "delivery_id" = excluded."delivery_id",
    "journey_id" = excluded."journey_id", "event_id" = excluded."event_id", "answered_at" = excluded."answered_at",
    "comment" = CASE WHEN excluded."comment" IS NOT NULL THEN excluded."comment" WHEN excluded."score" = "survey_answers"."score" THEN "survey_answers"."comment" END
  WHERE excluded."answered_at" >= "survey_answers"."answered_at"`;

type Run = { workflowId: string; journeyId: string; versionId: string; customerId: string; startedAt: string; seq: number };

let dual: DualDatabase;

beforeAll(async () => {
  dual = await openDualOnOwnCluster('filtered_journeys');
});

afterAll(async () => {
  await dual?.close();
});

type Facts = { customer_id: string; first_seen_at: string; channel: string | null; channel_at: string | null };
type Membership = { segment_id: string; customer_id: string; entered_at: string };

/** detachCustomerKeys: memberships, then facts, deleted (the triggers move every counted row out of their keys). */
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

/** forgetCustomerJourneys' statements on the tables 0030 watches (the counters of other migrations left out). */
async function forgetJourneys(customerId: string): Promise<void> {
  await dual.run('DELETE FROM "run_conversions" WHERE "customer_id" = ?', [customerId]);
  await dual.run(
    `INSERT INTO "experiment_arm_days" ("filter_key", "journey_id", "node_id", "day", "arm", "entered", "converted")
     SELECT '*', "journey_id", "node_id", "day", "arm", -count(*), -sum("converted") FROM "experiment_arm_runs" WHERE "customer_id" = ? GROUP BY 2, 3, 4, 5
     ON CONFLICT ("filter_key", "journey_id", "node_id", "day", "arm") DO UPDATE SET "entered" = "experiment_arm_days"."entered" + excluded."entered", "converted" = "experiment_arm_days"."converted" + excluded."converted"`,
    [customerId],
  );
  await dual.run('DELETE FROM "experiment_arm_runs" WHERE "customer_id" = ?', [customerId]);
  await dual.run('DELETE FROM "journey_run_windows" WHERE "customer_id" = ?', [customerId]);
}

async function workload(seed: number, steps: number, checkpoint: () => Promise<void>): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const at = () => new Date(START + Math.floor(random() * 60 * DAY)).toISOString();
  const runs: Run[] = [];
  let runCount = 0;
  const later = (time: string, maxHours: number) => new Date(Date.parse(time) + Math.floor(random() * maxHours * 3_600_000)).toISOString();

  for (const customer of CUSTOMERS) {
    if (random() < 0.7) await dual.run(SET_CHANNEL, [customer, random() < 0.8 ? pick(CHANNELS) : null]);
    for (const segment of SEGMENTS) if (random() < 0.3) await dual.run(JOIN, [segment, customer, '2025-12-01T00:00:00.000Z']);
  }
  for (let step = 0; step < steps; step++) {
    if (step > 0 && step % 300 === 0) await checkpoint();
    const roll = random();
    const run = runs.length > 0 ? pick(runs) : undefined;
    if (roll < 0.2 || run === undefined) {
      // A run starts (the first record inserts it), entering a split or another node first.
      const [journeyId, versionId] = pick(VERSIONS);
      const startedAt = at();
      const created: Run = { workflowId: `w${runCount++}`, journeyId, versionId, customerId: pick(CUSTOMERS), startedAt, seq: 1 };
      runs.push(created);
      await dual.run(RUN, [created.workflowId, journeyId, versionId, created.customerId, 'running', startedAt, startedAt]);
      if (random() < 0.7)
        await dual.run(
          'INSERT INTO "journey_run_windows" ("workflow_id", "journey_id", "version_id", "customer_id", "goal_event", "started_at", "window_ends_at", "revenue") VALUES (?, ?, ?, ?, \'purchase\', ?, \'2027-01-01T00:00:00.000Z\', 0)',
          [created.workflowId, journeyId, versionId, created.customerId, startedAt],
        );
      const split = random() < 0.75;
      await dual.run(STEP, [
        created.workflowId,
        1,
        split ? 'split' : 'send',
        split ? 'random_split' : 'send_email',
        startedAt,
        split && random() < 0.8 ? pick(['a', 'b']) : null,
        0,
      ]);
    } else if (roll < 0.34) {
      // A later step: through the split again (a loop), the split left (exit recorded on the same seq), or a retried
      // record landing on a step with another node.
      const time = later(run.startedAt, 30);
      const kind = random();
      if (kind < 0.4) await dual.run(STEP, [run.workflowId, ++run.seq, 'split', 'random_split', time, pick(['a', 'b']), 0]);
      else if (kind < 0.7) {
        // The update path of SQLite's upsert overrides the OR IGNORE of the trigger it fires (a UNIQUE error where
        // Postgres ignores): a re-record only ever names an arm the run has not taken yet, so both backends accept it.
        const exit = pick(['a', 'b', null]);
        const taken =
          exit !== null &&
          dual.sqlite
            .prepare("SELECT 1 FROM experiment_arm_runs WHERE workflow_id = ? AND node_id = 'split' AND arm = ?")
            .get(run.workflowId, exit) !== undefined;
        await dual.run(STEP, [run.workflowId, 1, 'split', 'random_split', run.startedAt, taken ? null : exit, 0]);
      } else
        await dual.run(STEP, [
          run.workflowId,
          ++run.seq,
          pick(['send', 'split2']),
          pick(['send_email', 'random_split']),
          time,
          pick(['a', null]),
          0,
        ]);
    } else if (roll < 0.46) {
      // Status moves (and a record that repeats the status: the WHEN is false).
      await dual.run(RUN, [
        run.workflowId,
        run.journeyId,
        run.versionId,
        run.customerId,
        pick(['running', 'waiting', 'completed', 'failed', 'converted']),
        run.startedAt,
        later(run.startedAt, 40),
      ]);
    } else if (roll < 0.56) {
      await dual.run(CONVERT, [run.workflowId, run.journeyId, run.versionId, run.customerId, run.startedAt, later(run.startedAt, 72)]);
    } else if (roll < 0.62) {
      // A purchase inside the customer's open windows (addRevenue), and now and then a merge's revenue reset.
      const customer = run.customerId;
      if (random() < 0.85)
        await dual.run(
          'UPDATE "journey_run_windows" SET "revenue" = "revenue" + ? WHERE "customer_id" = ? AND "window_ends_at" >= ? AND "started_at" <= ?',
          [Math.round(random() * 10_000) / 100, customer, at(), at()],
        );
      else await dual.run('UPDATE "journey_run_windows" SET "revenue" = 0 WHERE "customer_id" = ? AND "revenue" <> 0', [customer]);
    } else if (roll < 0.72) {
      const kind = pick(['nps', 'csat'] as const);
      const score = kind === 'nps' ? Math.floor(random() * 11) : 1 + Math.floor(random() * 5);
      await dual.run(ANSWER, [
        pick(CUSTOMERS),
        pick(kind === 'nps' ? ['q1', 'q2'] : ['s1']),
        kind,
        score,
        random() < 0.3 ? 'a comment' : null,
        pick(['onboarding', 'retention', null]),
        null,
        pick(['j1', null]),
        `e${step}`,
        at(),
      ]);
    } else if (roll < 0.8) {
      await dual.run(SET_CHANNEL, [pick(CUSTOMERS), random() < 0.8 ? pick(CHANNELS) : null]);
    } else if (roll < 0.88) {
      await dual.run(JOIN, [pick(SEGMENTS), pick(CUSTOMERS), at()]);
    } else if (roll < 0.95) {
      await dual.run('DELETE FROM "segment_memberships" WHERE "customer_id" = ? AND "segment_id" = ?', [pick(CUSTOMERS), pick(SEGMENTS)]);
    } else if (roll < 0.97) {
      // A conversion taken back, a window closed early (its revenue no longer counts), one survey answer deleted.
      await dual.run('DELETE FROM "run_conversions" WHERE "workflow_id" = ?', [run.workflowId]);
      await dual.run('DELETE FROM "journey_run_windows" WHERE "workflow_id" = ?', [pick(runs).workflowId]);
      await dual.run('DELETE FROM "survey_answers" WHERE "customer_id" = ? AND "survey" = ?', [pick(CUSTOMERS), pick(['q1', 's1'])]);
    } else if (roll < 0.985) {
      // Forgotten (forgetCustomerAnalytics, then the runs and steps deleted).
      const customer = pick(CUSTOMERS);
      await detachKeys(customer);
      await dual.run('DELETE FROM "survey_answers" WHERE "customer_id" = ?', [customer]);
      await forgetJourneys(customer);
      await dual.run('DELETE FROM "run_steps" WHERE "workflow_id" IN (SELECT "workflow_id" FROM "runs" WHERE "customer_id" = ?)', [
        customer,
      ]);
      await dual.run('DELETE FROM "runs" WHERE "customer_id" = ?', [customer]);
      runs.splice(0, runs.length, ...runs.filter((item) => item.customerId !== customer));
    } else {
      // Merged (mergeCustomerAnalytics): both detach, the source's answers go, its window revenue resets, its runs
      // and per-run rows move to the target, the target's keys come back.
      const from = pick(CUSTOMERS);
      const into = pick(CUSTOMERS);
      if (from === into) continue;
      const intoKeys = await detachKeys(into);
      await detachKeys(from);
      await dual.run('DELETE FROM "survey_answers" WHERE "customer_id" = ?', [from]);
      await dual.run('UPDATE "journey_run_windows" SET "revenue" = 0 WHERE "customer_id" = ? AND "revenue" <> 0', [from]);
      await dual.run('UPDATE "runs" SET "customer_id" = ? WHERE "customer_id" = ?', [into, from]);
      for (const table of ['journey_run_windows', 'run_conversions', 'experiment_arm_runs', 'journey_conversion_rows']) {
        await dual.run(`UPDATE "${table}" SET "customer_id" = ? WHERE "customer_id" = ?`, [into, from]);
      }
      await reattachKeys(intoKeys);
      for (const item of runs) if (item.customerId === from) item.customerId = into;
    }
  }
}

describe('per-filter-key journey figures (0030) on Postgres', () => {
  it('hold the same rows as SQLite through runs, steps, conversions, revenue, answers, key moves, forgets and merges', async () => {
    const check = async () => expect(await dual.differences()).toEqual([]);
    await workload(30, 1000, check);
    await check();
    // Each rollup holds rows under the narrowest keys (segment and channel), so the comparison is not of empty tables.
    const held: Record<string, string> = {
      journey_filtered_runs: "filter_key LIKE 's:%|c:%' AND runs > 0",
      journey_conversion_rows: "filter_key LIKE 's:%|c:%' AND revenue > 0",
      experiment_arm_runs: 'converted = 1',
      experiment_arm_days: "filter_key LIKE 's:%|c:%' AND converted > 0",
      survey_answer_rows: "filter_key LIKE 's:%|c:%'",
    };
    for (const [table, where] of Object.entries(held)) {
      const { count } = dual.sqlite.prepare(`SELECT count(*) AS count FROM ${table} WHERE ${where}`).get() as { count: number };
      expect(count, table).toBeGreaterThan(0);
    }
  });
});
