import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openDualOnOwnCluster, type DualDatabase } from '../../testing/dualDatabase';

// Migration 0016's triggers (migrations-pg/0002): goals on publish, daily runs per status, goal windows, conversion
// times, node visits per exit and send stats, driven through journey_versions, runs, run_steps, deliveries,
// delivery_unsubscribes and run_conversions as the worker and the webhooks write them.

const START = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Published versions: goals with every window unit, a fractional amount, the default window, none, and a null goal. */
const VERSIONS = [
  { id: 'v1', journey: 'j1', version: 1, graph: { nodes: [], goal: { event: 'purchase', window: { amount: 3, unit: 'days' } } } },
  {
    id: 'v2',
    journey: 'j1',
    version: 2,
    graph: { nodes: [], goal: { kind: 'segment_entered', segmentId: 'seg_a', window: { amount: 2.5, unit: 'hours' } } },
  },
  { id: 'v3', journey: 'j2', version: 1, graph: { nodes: [], goal: { event: 'signup' } } },
  { id: 'v4', journey: 'j2', version: 2, graph: { nodes: [] } },
  {
    id: 'v5',
    journey: 'j3',
    version: 1,
    graph: { goal: { kind: 'segment_exited', segmentId: 'seg_b', window: { amount: 90, unit: 'minutes' } } },
  },
  { id: 'v6', journey: 'j3', version: 2, graph: { goal: null } },
  { id: 'v7', journey: 'j3', version: 3, graph: { goal: { kind: 'event', event: 'upgrade', window: { amount: 1, unit: 'weeks' } } } },
  { id: 'v8', journey: 'j1', version: 3, graph: { goal: { event: 'purchase', window: { amount: 45, unit: 'seconds' } } } },
] as const;
/** Runs may also name a version never published (no goal, no window). */
const RUN_VERSIONS = [...VERSIONS.map((v) => [v.id, v.journey] as const), ['v_draft', 'j2'] as const];
const NODES = [
  ['email_1', 'email'],
  ['wait_1', 'wait'],
  ['split_1', 'random_split'],
  ['branch_1', 'condition'],
  ['email_2', 'email'],
] as const;
const TEMPLATES = ['tpl_welcome', 'tpl_promo', 'tpl_nudge'];
const RUN_STATUSES = ['running', 'waiting', 'completed', 'failed', 'converted', 'exited'];

// runProgress.ts's run upsert (updated_at given, not read from the clock): a version moved by a migration, the status,
// position and end of the run.
const UPSERT_RUN = `INSERT INTO runs (workflow_id, journey_id, version_id, customer_id, status, current_node_id, started_at, ended_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (workflow_id) DO UPDATE SET version_id = excluded.version_id, status = excluded.status, current_node_id = excluded.current_node_id,
    ended_at = excluded.ended_at, updated_at = excluded.updated_at`;
// runProgress.ts's step upsert. The id is given: Postgres draws an identity value for every attempted insert, the
// conflicting ones too, where SQLite's AUTOINCREMENT does not, and the ids would drift apart.
const UPSERT_STEP = `INSERT INTO run_steps (id, workflow_id, seq, node_id, node_type, entered_at, left_at, outcome, exit, failed)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (workflow_id, seq) DO UPDATE SET node_id = excluded.node_id, node_type = excluded.node_type, entered_at = excluded.entered_at,
    left_at = excluded.left_at, outcome = excluded.outcome, exit = excluded.exit, failed = excluded.failed`;
// deliveries.ts's claim: a new pending delivery, or one more attempt on the stored one.
const CLAIM_DELIVERY = `INSERT INTO deliveries (id, idempotency_key, workflow_id, node_id, journey_id, customer_id, template_id, message_id, status, attempts, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
  ON CONFLICT (idempotency_key) DO UPDATE SET attempts = deliveries.attempts + 1`;

type Run = { id: string; journey: string; version: string; customer: string; startedAt: number; status: string; nodes: string[] };
type Step = { id: number; workflow: string; seq: number; node: string; type: string; exit: string | null };
type Delivery = { id: string; workflow: string };

async function publish(dual: DualDatabase, version: (typeof VERSIONS)[number], at: number): Promise<void> {
  await dual.run('INSERT INTO journey_versions (id, journey_id, version, graph, trigger_event, published_at) VALUES (?, ?, ?, ?, ?, ?)', [
    version.id,
    version.journey,
    version.version,
    JSON.stringify(version.graph),
    'signed_up',
    iso(at),
  ]);
}

/**
 * A random history of journeys at work: versions published along the way (one deleted and published again with
 * another goal), runs started, moved on, migrated to another version and ended; steps entered, left through an exit,
 * recorded again, re-pointed; deliveries claimed, retried, moved through the send states, opened and clicked;
 * unsubscribes; conversions (before the run started too); and a customer's rows deleted.
 */
async function randomHistory(dual: DualDatabase, seed: number, steps: number, check: () => Promise<void>): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const customers = Array.from({ length: 30 }, (_, i) => `c${i}`);
  const runs: Run[] = [];
  const stepsOf = new Map<string, Step[]>();
  const deliveries: Delivery[] = [];
  let stepId = 0;
  let runId = 0;
  let now = START;
  const published = new Set<string>();

  await dual.run(
    `INSERT INTO journeys (id, name, draft, created_at, updated_at) VALUES ('j1', 'One', '{}', ?, ?), ('j2', 'Two', '{}', ?, ?), ('j3', 'Three', '{}', ?, ?)`,
    [iso(START), iso(START), iso(START), iso(START), iso(START), iso(START)],
  );
  for (const version of VERSIONS.slice(0, 4)) {
    await publish(dual, version, START);
    published.add(version.id);
  }

  const upsertRun = (run: Run, endedAt: string | null) =>
    dual.run(UPSERT_RUN, [
      run.id,
      run.journey,
      run.version,
      run.customer,
      run.status,
      run.nodes.at(-1) ?? null,
      iso(run.startedAt),
      endedAt,
      iso(now),
    ]);
  const upsertStep = (step: Step, enteredAt: number, leftAt: number | null) =>
    dual.run(UPSERT_STEP, [
      step.id,
      step.workflow,
      step.seq,
      step.node,
      step.type,
      iso(enteredAt),
      leftAt === null ? null : iso(leftAt),
      step.exit === null ? null : 'done',
      step.exit,
      0,
    ]);
  // A split step is recorded again with a plain UPDATE: in SQLite, the upsert's DO UPDATE overrides the OR IGNORE of
  // 0030's experiment_arm_step_changed with ABORT, so re-recording a split step whose arm row exists fails there.
  const rerecordStep = (step: Step, wasSplit: boolean, enteredAt: number, leftAt: number | null) =>
    wasSplit || step.type === 'random_split'
      ? dual.run(
          'UPDATE run_steps SET node_id = ?, node_type = ?, entered_at = ?, left_at = ?, outcome = ?, exit = ? WHERE workflow_id = ? AND seq = ?',
          [
            step.node,
            step.type,
            iso(enteredAt),
            leftAt === null ? null : iso(leftAt),
            step.exit === null ? null : 'done',
            step.exit,
            step.workflow,
            step.seq,
          ],
        )
      : upsertStep(step, enteredAt, leftAt);
  const moveDelivery = (delivery: Delivery, to: string, from: readonly string[], set = '', values: unknown[] = []) =>
    dual.run(`UPDATE deliveries SET status = ?${set} WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`, [
      to,
      ...values,
      delivery.id,
      ...from,
    ]);

  for (let n = 0; n < steps; n += 1) {
    if (n > 0 && n % 300 === 0) await check();
    now += Math.floor(random() * 2 * HOUR);
    const roll = random();
    if (roll < 0.03) {
      // A version published while runs go on.
      const next = VERSIONS.find((version) => !published.has(version.id));
      if (next) {
        await publish(dual, next, now);
        published.add(next.id);
      } else if (random() < 0.5) {
        // Deleted and published again under the same id with another goal: the goal row is replaced.
        await dual.run("DELETE FROM journey_versions WHERE id = 'v8'");
        const window = { amount: 1 + Math.floor(random() * 5), unit: pick(['hours', 'days']) };
        await dual.run(
          "INSERT INTO journey_versions (id, journey_id, version, graph, trigger_event, published_at) VALUES ('v8', 'j1', 3, ?, 'signed_up', ?)",
          [JSON.stringify({ goal: { event: pick(['purchase', 'renewal']), window } }), iso(now)],
        );
      }
    } else if (roll < 0.25 || runs.length < 5) {
      // A run starts (sometimes backdated to an earlier day, sometimes at the same instant as another).
      const [version, journey] = pick(RUN_VERSIONS);
      const startedAt =
        random() < 0.2 ? now - Math.floor(random() * 10 * 24 * HOUR) : random() < 0.1 && runs.length ? runs.at(-1)!.startedAt : now;
      const run: Run = {
        id: `wf_${++runId}`,
        journey,
        version,
        customer: pick(customers),
        startedAt,
        status: pick(['running', 'running', 'waiting']),
        nodes: [],
      };
      runs.push(run);
      await upsertRun(run, null);
    } else if (roll < 0.42) {
      // The run moves on: a new status, the same one again (a re-record), or a version migration with or without one.
      const run = pick(runs);
      const migrate = random() < 0.15;
      if (migrate) run.version = pick(RUN_VERSIONS.filter(([, journey]) => journey === run.journey))[0];
      if (!migrate || random() < 0.5) run.status = random() < 0.25 ? run.status : pick(RUN_STATUSES);
      const ended = ['completed', 'failed', 'converted', 'exited'].includes(run.status) ? iso(now) : null;
      if (random() < 0.2)
        await dual.run('UPDATE runs SET status = ?, updated_at = ? WHERE workflow_id = ?', [run.status, iso(now), run.id]);
      else await upsertRun(run, ended);
    } else if (roll < 0.62) {
      const run = pick(runs);
      const list = stepsOf.get(run.id) ?? [];
      stepsOf.set(run.id, list);
      const last = list.at(-1);
      const kind = random();
      if (!last || kind < 0.45) {
        // A node entered; a step for a run that was never stored now and then (no run row: nothing counted).
        const [node, type] = pick(NODES);
        const step: Step = {
          id: ++stepId,
          workflow: random() < 0.03 ? `wf_ghost_${n}` : run.id,
          seq: list.length + 1,
          node,
          type,
          exit: null,
        };
        if (random() < 0.3) step.exit = type === 'random_split' ? pick(['a', 'b']) : pick(['next', 'yes', 'no']);
        if (step.workflow === run.id) list.push(step);
        run.nodes.push(node);
        await upsertStep(step, now, step.exit === null ? null : now);
      } else if (kind < 0.75 && last.exit === null) {
        // The node left through an exit (an empty exit name once in a while).
        last.exit = last.type === 'random_split' ? pick(['a', 'b']) : random() < 0.05 ? '' : pick(['next', 'yes', 'no']);
        await rerecordStep(last, false, now - HOUR, now);
      } else if (kind < 0.85) {
        // A retried record of the same step: nothing watched changes.
        await rerecordStep(last, false, now - HOUR, last.exit === null ? null : now);
      } else if (kind < 0.93) {
        // Recorded again at the same seq on another node (a version migration re-pointed it), exit kept or cleared.
        const [node, type] = pick(NODES.filter(([id]) => id !== last.node));
        const wasSplit = last.type === 'random_split';
        last.node = node;
        last.type = type;
        if (random() < 0.5) last.exit = null;
        await rerecordStep(last, wasSplit, now, last.exit === null ? null : now);
      } else {
        // The exit rewritten, or cleared.
        last.exit = random() < 0.3 ? null : last.type === 'random_split' ? pick(['a', 'b']) : pick(['next', 'yes', 'no']);
        await dual.run('UPDATE run_steps SET exit = ? WHERE workflow_id = ? AND seq = ?', [last.exit, last.workflow, last.seq]);
      }
    } else if (roll < 0.74) {
      // A send claimed (a transactional one without a journey, a run never stored), or a retry of an earlier claim.
      if (deliveries.length && random() < 0.15) {
        const again = pick(deliveries);
        await dual.run(CLAIM_DELIVERY, [
          `dlv_retry_${n}`,
          `key_${again.id}`,
          again.workflow,
          'email_1',
          'j1',
          'c0',
          'tpl_welcome',
          `msg_${n}`,
          'pending',
          iso(now),
        ]);
        continue;
      }
      const run = pick(runs);
      const journeyId = random() < 0.1 ? null : run.journey;
      const workflow = random() < 0.05 ? `wf_gone_${n}` : run.id;
      // insertNewDelivery stores a send the policy skipped as `skipped` from the start.
      const delivery: Delivery = { id: `dlv_${deliveries.length}`, workflow };
      deliveries.push(delivery);
      const status = random() < 0.1 ? 'skipped' : 'pending';
      await dual.run(CLAIM_DELIVERY, [
        delivery.id,
        `key_${delivery.id}`,
        workflow,
        pick(['email_1', 'email_2']),
        journeyId,
        run.customer,
        pick(TEMPLATES),
        `msg_${n}`,
        status,
        iso(now),
      ]);
    } else if (roll < 0.9 && deliveries.length) {
      // deliveries.ts's compare-and-set moves, then the tracking pixel and the links.
      const delivery = pick(deliveries);
      const kind = random();
      if (kind < 0.2)
        await moveDelivery(delivery, 'sending', ['pending'], ', "to" = ?, subject = ?, sent_at = ?', ['a@example.com', 'Hi', iso(now)]);
      else if (kind < 0.4)
        await moveDelivery(delivery, 'sent', ['pending', 'sending', 'uncertain'], ', error = NULL, sent_at = ?', [iso(now)]);
      else if (kind < 0.47) await moveDelivery(delivery, 'uncertain', ['sending'], ", error = 'timeout'");
      else if (kind < 0.54) await moveDelivery(delivery, 'failed', ['pending', 'sending'], ", error = '550'");
      else if (kind < 0.6) await moveDelivery(delivery, 'pending', ['sending'], ', sent_at = NULL');
      else if (kind < 0.65) await moveDelivery(delivery, 'skipped', ['pending'], ", error = 'suppressed'");
      else if (kind < 0.8)
        await dual.run('UPDATE deliveries SET opened_at = ? WHERE id = ? AND opened_at IS NULL', [iso(now), delivery.id]);
      else if (kind < 0.9)
        await dual.run('UPDATE deliveries SET clicked_at = ? WHERE id = ? AND clicked_at IS NULL', [iso(now), delivery.id]);
      else if (kind < 0.95) {
        // A later open stamped over the first (both set: not a new open), or an open cleared by hand.
        await dual.run('UPDATE deliveries SET opened_at = ? WHERE id = ?', [random() < 0.7 ? iso(now) : null, delivery.id]);
      } else await dual.run('UPDATE deliveries SET status = status, attempts = attempts + 1 WHERE id = ?', [delivery.id]);
    } else if (roll < 0.94 && deliveries.length) {
      // The unsubscribe link (journeysRollup.ts), once per delivery; an unknown id changes nothing.
      const id = random() < 0.1 ? 'dlv_unknown' : pick(deliveries).id;
      await dual.run('INSERT INTO delivery_unsubscribes (delivery_id, unsubscribed_at) VALUES (?, ?) ON CONFLICT DO NOTHING', [
        id,
        iso(now),
      ]);
    } else if (roll < 0.99) {
      // A run converts (the first record stands); the goal event may carry a time before the run started.
      const run = pick(runs);
      const convertedAt = run.startedAt + Math.floor((random() - 0.1) * 40 * HOUR) + Math.floor(random() * 1000);
      await dual.run(
        'INSERT INTO run_conversions (workflow_id, journey_id, version_id, customer_id, started_at, converted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workflow_id) DO NOTHING',
        [run.id, run.journey, run.version, run.customer, iso(run.startedAt), iso(convertedAt)],
      );
    } else {
      // A customer forgotten: their journey rows go (the counters are uncounted by code, not by these triggers).
      const customer = pick(customers);
      await dual.run('DELETE FROM run_conversions WHERE customer_id = ?', [customer]);
      await dual.run('DELETE FROM journey_run_windows WHERE customer_id = ?', [customer]);
      await dual.run('DELETE FROM delivery_unsubscribes WHERE delivery_id IN (SELECT id FROM deliveries WHERE customer_id = ?)', [
        customer,
      ]);
      await dual.run('DELETE FROM run_steps WHERE workflow_id IN (SELECT workflow_id FROM runs WHERE customer_id = ?)', [customer]);
      await dual.run('DELETE FROM deliveries WHERE customer_id = ?', [customer]);
      await dual.run('DELETE FROM runs WHERE customer_id = ?', [customer]);
      for (const run of runs.filter((r) => r.customer === customer)) stepsOf.delete(run.id);
      runs.splice(0, runs.length, ...runs.filter((r) => r.customer !== customer));
    }
  }
}

describe('migration 0016 on Postgres (journey stats)', () => {
  let dual: DualDatabase;

  beforeAll(async () => {
    dual = await openDualOnOwnCluster('journey_stats');
  });

  afterAll(async () => {
    await dual?.close();
  });

  const count = async (statement: string) => {
    const { sqlite, postgres } = await dual.query(statement);
    expect(postgres).toEqual(sqlite);
    return (sqlite[0] as { n: number }).n;
  };

  it('keeps the same rollups as SQLite through a random history of runs, steps, sends and conversions', async () => {
    await randomHistory(dual, 16, 2000, async () => expect(await dual.differences()).toEqual([]));
    expect(await dual.differences()).toEqual([]);
    // Every rollup holds rows, and every branch left a mark: replaced goals, runs moved between statuses, negative
    // deltas, exits, unsubscribes and conversions of both signs.
    expect(await count('SELECT count(*) AS n FROM journey_goals')).toBeGreaterThanOrEqual(6);
    expect(await count("SELECT count(*) AS n FROM journey_goals WHERE version_id = 'v8' AND goal NOT LIKE '%seconds%'")).toBe(1);
    expect(await count('SELECT count(*) AS n FROM journey_run_windows')).toBeGreaterThan(50);
    expect(await count('SELECT count(DISTINCT status) AS n FROM journey_daily_runs WHERE runs > 0')).toBeGreaterThanOrEqual(5);
    expect(await count('SELECT count(*) AS n FROM journey_daily_runs WHERE runs = 0')).toBeGreaterThan(5);
    expect(await count('SELECT count(*) AS n FROM journey_conversion_times')).toBeGreaterThan(10);
    expect(await count('SELECT count(*) AS n FROM journey_conversion_times WHERE seconds = 0')).toBeGreaterThan(0);
    // SQLite's julianday arithmetic leaves a floating remainder on whole seconds: stored the same on both.
    expect(await count('SELECT count(*) AS n FROM journey_conversion_times WHERE seconds * 1000 <> round(seconds * 1000)')).toBeGreaterThan(
      5,
    );
    expect(await count("SELECT count(*) AS n FROM journey_node_stats WHERE exit <> '' AND visits > 0")).toBeGreaterThan(10);
    expect(await count("SELECT count(*) AS n FROM journey_node_stats WHERE exit = '' AND visits > 1")).toBeGreaterThan(5);
    expect(await count('SELECT count(*) AS n FROM journey_send_stats WHERE sent > 0 AND delivered > 0 AND opened > 0')).toBeGreaterThan(3);
    expect(await count('SELECT count(*) AS n FROM journey_send_stats WHERE failed > 0 OR skipped > 0')).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM journey_send_stats WHERE unsubscribed > 0')).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM journey_send_stats WHERE version_id = ''")).toBeGreaterThan(0);
  }, 120_000);
});
