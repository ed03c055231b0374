import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// Migration 0037's triggers (migrations-pg/0008): survey answers chained per customer and kind into
// survey_answer_links, counted per filter key in survey_score_days, and per survey in survey_name_counts.

const SURVEYS = [
  ['nps-q', 'nps'],
  ['nps-onboard', 'nps'],
  ['nps-exit', 'nps'],
  ['csat-support', 'csat'],
  ['csat-billing', 'csat'],
] as const;
const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['google', 'facebook', 'news'];
const JOURNEYS = ['jrn_1', 'jrn_2'];
const STAGES = ['lead', 'active', 'at_risk'];
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

const CELLS = 'SELECT filter_key, kind, scope, day, next_day, stage, journey_id, class, answers FROM survey_score_days';

// surveysRollup.ts's upsert with positional parameters: the latest answer by event time wins, a second click keeps
// the comment only when the score is unchanged, and the stage is the customer's at the answer's time.
const UPSERT_ANSWER = `INSERT INTO survey_answers (customer_id, survey, kind, score, comment, stage, delivery_id, journey_id, event_id, answered_at)
  VALUES (?, ?, ?, ?, ?,
    coalesce((SELECT to_stage FROM stage_history WHERE customer_id = ? AND at <= ? ORDER BY at DESC LIMIT 1),
             (SELECT lifecycle_stage FROM customers WHERE id = ?)),
    ?, ?, ?, ?)
  ON CONFLICT (customer_id, survey) DO UPDATE SET
    kind = excluded.kind, score = excluded.score, stage = excluded.stage, delivery_id = excluded.delivery_id,
    journey_id = excluded.journey_id, event_id = excluded.event_id, answered_at = excluded.answered_at,
    comment = CASE WHEN excluded.comment IS NOT NULL THEN excluded.comment WHEN excluded.score = survey_answers.score THEN survey_answers.comment END
  WHERE excluded.answered_at >= survey_answers.answered_at`;

// customerFacts.ts's upsert, with SQLite's scalar min() written as a CASE both backends read: first seen moves back,
// the first-touch channel is the earliest event's that named one.
const UPSERT_FACTS = `INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (customer_id) DO UPDATE SET
    first_seen_at = CASE WHEN excluded.first_seen_at < customer_facts.first_seen_at THEN excluded.first_seen_at ELSE customer_facts.first_seen_at END,
    channel = CASE WHEN excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at) THEN excluded.channel ELSE customer_facts.channel END,
    channel_at = CASE WHEN excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at) THEN excluded.channel_at ELSE customer_facts.channel_at END
  WHERE excluded.first_seen_at < customer_facts.first_seen_at OR (excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at))`;

type Answer = { customer: string; survey: string; kind: string };

/**
 * A random history as the app writes it, checked by `check` every 150 steps and at the end: answers clicked (a second
 * click changing the score, late backfills the upsert ignores, answers sent by a journey or not), customers' stages,
 * first-touch channels found late and moved, segment joins, leaves and set-based saves, and customers forgotten (keys
 * detached, answers deleted) or merged (the merged customer's answers replayed under the other). Now and then a direct
 * edit of one watched column of an answer, to or from NULL, or an edit that changes nothing watched. Customers are
 * forgotten and merged from step `forgetsFrom` on (several answers deleted per statement); `check` is told whether
 * that began.
 */
async function randomHistory(
  dual: DualDatabase,
  seed: number,
  steps: number,
  forgetsFrom: number,
  check: (forgotten: boolean) => Promise<void>,
): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const customers = Array.from({ length: 30 }, (_, i) => `c${i}`);
  const lastAt = new Map<string, number>();
  let event = 0;
  let historyId = 0;
  const answers = async () =>
    (await dual.query('SELECT customer_id AS customer, survey, kind FROM survey_answers ORDER BY customer_id, survey')).sqlite as Answer[];
  const answer = async (customer: string, at: number, survey: string, kind: string, score: number, journeyId: string | null) => {
    const iso = new Date(at).toISOString();
    const comment = random() < 0.3 ? `comment ${event}` : null;
    const delivery = journeyId === null ? null : `dlv_${event}`;
    await dual.run(UPSERT_ANSWER, [
      customer,
      survey,
      kind,
      score,
      comment,
      customer,
      iso,
      customer,
      delivery,
      journeyId,
      `e${++event}`,
      iso,
    ]);
  };
  const scoreOf = (kind: string) => (kind === 'nps' ? Math.floor(random() * 11) : 1 + Math.floor(random() * 5));
  const detach = async (customer: string) => {
    await dual.run('DELETE FROM segment_memberships WHERE customer_id = ?', [customer]);
    await dual.run('DELETE FROM customer_facts WHERE customer_id = ?', [customer]);
  };

  for (let step = 0; step < steps; step += 1) {
    if (step > 0 && step % 150 === 0) await check(step > forgetsFrom);
    const customer = pick(customers);
    const previous = lastAt.get(customer) ?? START + Math.floor(random() * 60) * DAY;
    // Mostly forward in time per customer (often the same day), sometimes a backfilled past answer.
    const at =
      random() < 0.15 ? START + Math.floor(random() * 120 * DAY) : previous + Math.floor(random() * (random() < 0.5 ? DAY : 12 * DAY));
    lastAt.set(customer, Math.max(previous, at));
    const iso = new Date(at).toISOString();
    const roll = random();
    if (roll < 0.45) {
      const [survey, kind] = pick(SURVEYS);
      await answer(customer, at, survey, kind, scoreOf(kind), random() < 0.5 ? pick(JOURNEYS) : null);
    } else if (roll < 0.5) {
      // The customer's stage as the answer upsert falls back to it, or a stage move it reads first.
      if (random() < 0.6) {
        await dual.run(
          'INSERT INTO customers (id, lifecycle_stage, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET lifecycle_stage = excluded.lifecycle_stage',
          [customer, pick(STAGES), iso, iso],
        );
      } else {
        await dual.run('INSERT INTO stage_history (id, customer_id, from_stage, to_stage, cause, at) VALUES (?, ?, NULL, ?, ?, ?)', [
          ++historyId,
          customer,
          pick(STAGES),
          'test',
          iso,
        ]);
      }
    } else if (roll < 0.6) {
      // A first-touch channel: none yet, found (NULL → value), an earlier touch moving it, or a later one (no change).
      const channel = random() < 0.3 ? null : pick(CHANNELS);
      await dual.run(UPSERT_FACTS, [customer, iso, channel, channel === null ? null : iso]);
    } else if (roll < 0.65) {
      // Corrections as the stage-rollup tests write them: a channel changed outright, or forgotten (value → NULL).
      await dual.run(
        'UPDATE customer_facts SET channel = ?, channel_at = ? WHERE customer_id = ?',
        random() < 0.25 ? [null, null, customer] : [pick(CHANNELS), iso, customer],
      );
    } else if (roll < 0.73) {
      await dual.run('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
        pick(SEGMENTS),
        customer,
        iso,
      ]);
    } else if (roll < 0.79) {
      await dual.run('DELETE FROM segment_memberships WHERE segment_id = ? AND customer_id = ?', [pick(SEGMENTS), customer]);
    } else if (roll < 0.81) {
      // A segment saved: recomputed set-based (apps/api/src/services/segments.ts), several rows per statement.
      await dual.run(
        `DELETE FROM segment_memberships WHERE segment_id = 'seg_c' AND customer_id NOT IN (SELECT id FROM customers WHERE lifecycle_stage = 'lead')`,
      );
      await dual.run(
        `INSERT INTO segment_memberships (segment_id, customer_id, entered_at) SELECT 'seg_c', id, ? FROM customers WHERE lifecycle_stage = 'lead' ON CONFLICT DO NOTHING`,
        [iso],
      );
    } else if (roll < 0.93) {
      // A direct edit of one stored answer: each watched column (to and from NULL where it may be), or none watched.
      const stored = await answers();
      if (stored.length === 0) continue;
      const { customer: owner, survey, kind } = pick(stored);
      const where = 'WHERE customer_id = ? AND survey = ?';
      const edit = Math.floor(random() * 9);
      if (edit === 0) await dual.run(`UPDATE survey_answers SET score = ? ${where}`, [scoreOf(kind), owner, survey]);
      else if (edit === 1)
        await dual.run(`UPDATE survey_answers SET stage = ? ${where}`, [random() < 0.4 ? null : pick(STAGES), owner, survey]);
      else if (edit === 2)
        await dual.run(`UPDATE survey_answers SET journey_id = ? ${where}`, [random() < 0.4 ? null : pick(JOURNEYS), owner, survey]);
      else if (edit === 3)
        await dual.run(`UPDATE survey_answers SET answered_at = ? ${where}`, [
          new Date(START + Math.floor(random() * 120 * DAY)).toISOString(),
          owner,
          survey,
        ]);
      else if (edit === 4) await dual.run(`UPDATE survey_answers SET kind = ? ${where}`, [kind === 'nps' ? 'csat' : 'nps', owner, survey]);
      else if (edit === 5) {
        // Renamed into a survey the customer has not answered (the primary key holds).
        const free = SURVEYS.map(([name]) => name).filter((name) => !stored.some((row) => row.customer === owner && row.survey === name));
        if (free.length > 0) await dual.run(`UPDATE survey_answers SET survey = ? ${where}`, [pick(free), owner, survey]);
      } else if (edit === 6) {
        // Moved to another customer who has not answered it.
        const to = pick(customers);
        if (!stored.some((row) => row.customer === to && row.survey === survey))
          await dual.run(`UPDATE survey_answers SET customer_id = ? ${where}`, [to, owner, survey]);
      } else if (edit === 7)
        await dual.run(`UPDATE survey_answers SET comment = ?, event_id = ? ${where}`, [`edited ${step}`, `e${++event}`, owner, survey]);
      else await dual.run(`UPDATE survey_answers SET score = score, stage = stage ${where}`, [owner, survey]);
    } else if (roll < 0.96 || step < forgetsFrom) {
      // One answer deleted on its own.
      const stored = await answers();
      if (stored.length === 0) continue;
      const { customer: owner, survey } = pick(stored);
      await dual.run('DELETE FROM survey_answers WHERE customer_id = ? AND survey = ?', [owner, survey]);
    } else if (roll < 0.98) {
      // Forgotten (forgetCustomerAnalytics): keys detached, then every answer of theirs in one statement.
      await detach(customer);
      await dual.run('DELETE FROM survey_answers WHERE customer_id = ?', [customer]);
    } else {
      // Merged into another customer (mergeCustomerAnalytics): both detached, the merged one's answers forgotten and
      // their answer events replayed under the other, whose keys come back.
      const into = pick(customers);
      if (into === customer) continue;
      const intoKeys = await dual.query(
        'SELECT segment_id, entered_at FROM segment_memberships WHERE customer_id = ? ORDER BY segment_id',
        [into],
      );
      const intoFacts = await dual.query('SELECT first_seen_at, channel, channel_at FROM customer_facts WHERE customer_id = ?', [into]);
      const replay = (
        await dual.query(
          'SELECT survey, kind, score, journey_id, answered_at FROM survey_answers WHERE customer_id = ? ORDER BY answered_at, survey',
          [customer],
        )
      ).sqlite as { survey: string; kind: string; score: number; journey_id: string | null; answered_at: string }[];
      await detach(into);
      await detach(customer);
      await dual.run('DELETE FROM survey_answers WHERE customer_id = ?', [customer]);
      for (const facts of intoFacts.sqlite as { first_seen_at: string; channel: string | null; channel_at: string | null }[]) {
        await dual.run('INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)', [
          into,
          facts.first_seen_at,
          facts.channel,
          facts.channel_at,
        ]);
      }
      for (const row of intoKeys.sqlite as { segment_id: string; entered_at: string }[]) {
        await dual.run('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
          row.segment_id,
          into,
          row.entered_at,
        ]);
      }
      for (const row of replay) await answer(into, Date.parse(row.answered_at), row.survey, row.kind, row.score, row.journey_id);
    }
  }
  await check(steps > forgetsFrom);
}

describe('migration 0037 on Postgres (survey answer links, score days, name counts)', () => {
  let dual: DualDatabase;

  beforeAll(async () => {
    dual = await openDualOnOwnCluster('survey_days');
  });

  afterAll(async () => {
    await dual?.close();
  });

  /**
   * Every table the same on both (every rollup the workload reaches included); once customers were forgotten,
   * survey_score_days without its cells at 0 answers. Forgetting deletes a customer's answers in one statement: SQLite
   * rebuilds their chain after each row (an intermediate chain can count a cell +1 then -1, which stays at 0),
   * Postgres once from the final rows (migrations-pg/0008's header).
   */
  const sameRows = async (forgotten: boolean) => {
    if (!forgotten) {
      expect(await dual.differences()).toEqual([]);
      return;
    }
    const tables = (
      dual.sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'`)
        .pluck()
        .all() as string[]
    ).filter((name) => name !== 'survey_score_days');
    expect(await dual.differences(tables)).toEqual([]);
    const counted = await dual.query(`${CELLS} WHERE answers <> 0`);
    expect(counted.postgres).toEqual(counted.sqlite);
  };

  it('keeps the same rows as SQLite through a random history of answers, edits, keys, forgets and merges', async () => {
    await randomHistory(dual, 37, 900, 400, sameRows);
    // Not empty on both sides: answers chained (a later answer of the kind), counted under segment and channel keys.
    const count = async (statement: string) => ((await dual.query(statement)).postgres[0] as { n: number }).n;
    expect(await count(`SELECT count(*) AS n FROM survey_answer_links WHERE next_day <> '~'`)).toBeGreaterThan(10);
    expect(await count(`SELECT count(*) AS n FROM survey_score_days WHERE filter_key LIKE 's:%|c:%' AND answers > 0`)).toBeGreaterThan(10);
    expect(await count('SELECT count(*) AS n FROM survey_name_counts WHERE answers > 1')).toBeGreaterThan(3);
  }, 120_000);
});
