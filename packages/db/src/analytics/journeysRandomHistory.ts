import type Database from 'better-sqlite3';
import { seededRandom } from '../../../../scripts/demoData/random';

// A random journeys history for the tests of the per-filter-key figures (journeysFilterKey.test.ts, migration 0030)
// and of the converted-runs days (journeysConversionDays.test.ts, migration 0038).


export const CHANNELS = [null, 'google', 'facebook'];
export const SEGMENTS = ['seg_a', 'seg_b'];
export const FILTERS = [null, ...SEGMENTS].flatMap((segmentId) => CHANNELS.map((channel) => ({ segmentId, channel })));
export const RANGES = [{ from: '2026-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' }, { from: '2026-01-15T00:00:00.000Z', to: '2026-02-10T00:00:00.000Z' }];

/** Customers, memberships, runs through a split, conversions with revenue and survey answers, then moves. */
export function randomHistory(c: Database.Database, seed: number): void {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const at = () => new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 60 * 86_400_000)).toISOString();
  c.exec(`INSERT INTO journeys (id, name, draft) VALUES ('j1', 'One', '{}'), ('j2', 'Two', '{}');
    INSERT INTO journey_versions (id, journey_id, version, graph, trigger_event) VALUES ('v1', 'j1', 1, '{}', 'x'), ('v2', 'j1', 2, '{}', 'x'), ('v3', 'j2', 1, '{}', 'x');
    INSERT INTO segments (id, name, definition) VALUES ('seg_a', 'A', '{}'), ('seg_b', 'B', '{}');`);
  const customers = Array.from({ length: 40 }, (_, n) => `c${n}`);
  const setChannel = c.prepare('INSERT INTO customer_facts (customer_id, first_seen_at, channel) VALUES (?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET channel = excluded.channel');
  const join = c.prepare('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const leave = c.prepare('DELETE FROM segment_memberships WHERE segment_id = ? AND customer_id = ?');
  for (const id of customers) {
    if (random() < 0.8) setChannel.run(id, '2025-12-01T00:00:00.000Z', pick(CHANNELS));
    for (const segment of SEGMENTS) if (random() < 0.4) join.run(segment, id, '2025-12-01T00:00:00.000Z');
  }
  const run = c.prepare('INSERT INTO runs (workflow_id, journey_id, version_id, customer_id, status, started_at) VALUES (?, ?, ?, ?, ?, ?)');
  const status = c.prepare('UPDATE runs SET status = ? WHERE workflow_id = ?');
  const window = c.prepare("INSERT INTO journey_run_windows (workflow_id, journey_id, version_id, customer_id, goal_event, started_at, window_ends_at) VALUES (?, ?, ?, ?, 'purchase', ?, '2027-01-01T00:00:00.000Z')");
  const revenue = c.prepare('UPDATE journey_run_windows SET revenue = revenue + ? WHERE workflow_id = ?');
  const step = c.prepare("INSERT INTO run_steps (workflow_id, seq, node_id, node_type, entered_at, exit) VALUES (?, ?, 'split', 'random_split', ?, ?)");
  const convert = c.prepare('INSERT INTO run_conversions (workflow_id, journey_id, version_id, customer_id, started_at, converted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const answer = c.prepare(`INSERT INTO survey_answers (customer_id, survey, kind, score, stage, journey_id, event_id, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (customer_id, survey) DO UPDATE SET score = excluded.score, answered_at = excluded.answered_at, stage = excluded.stage`);
  const workflows: string[] = [];
  for (let n = 0; n < 300; n += 1) {
    const customer = pick(customers);
    const [journey, version] = pick([['j1', 'v1'], ['j1', 'v2'], ['j2', 'v3']] as const);
    const workflowId = `w${n}`;
    const started = at();
    run.run(workflowId, journey, version, customer, 'running', started);
    workflows.push(workflowId);
    if (random() < 0.7) window.run(workflowId, journey, version, customer, started);
    step.run(workflowId, 1, started, pick(['a', 'b']));
    // A loop back through the split, later the same day (a run counts once per arm, on the day of its first pass).
    if (random() < 0.1) step.run(workflowId, 2, new Date(Math.min(Date.parse(started) + 3_600_000, Date.parse(`${started.slice(0, 10)}T23:59:59.000Z`))).toISOString(), pick(['a', 'b']));
    if (random() < 0.7) status.run(pick(['completed', 'failed', 'waiting']), workflowId);
    if (random() < 0.35) convert.run(workflowId, journey, version, customer, started, new Date(Date.parse(started) + Math.floor(random() * 20) * 3_600_000).toISOString());
    if (random() < 0.5) revenue.run(Math.round(random() * 10_000) / 100, workflowId);
  }
  for (let n = 0; n < 120; n += 1) {
    const kind = pick(['nps', 'csat'] as const);
    answer.run(pick(customers), pick(kind === 'nps' ? ['q1', 'q2'] : ['s1']), kind, kind === 'nps' ? Math.floor(random() * 11) : 1 + Math.floor(random() * 5), pick(['onboarding', 'retention', null]), pick(['j1', null]), `e${n}`, at());
  }
  // After the facts: customers move between segments and channels, runs end, more conversions and revenue, a forget.
  for (let n = 0; n < 40; n += 1) {
    const customer = pick(customers);
    if (random() < 0.3) setChannel.run(customer, '2025-12-01T00:00:00.000Z', pick(CHANNELS));
    else if (random() < 0.5) join.run(pick(SEGMENTS), customer, '2026-03-01T00:00:00.000Z');
    else leave.run(pick(SEGMENTS), customer);
    const workflowId = pick(workflows);
    status.run('completed', workflowId);
    const row = c.prepare('SELECT journey_id AS j, version_id AS v, customer_id AS cu, started_at AS s FROM runs WHERE workflow_id = ?').get(workflowId) as { j: string; v: string; cu: string; s: string };
    convert.run(workflowId, row.j, row.v, row.cu, row.s, new Date(Date.parse(row.s) + 5 * 3_600_000).toISOString());
    revenue.run(7.25, workflowId);
  }
  c.prepare('DELETE FROM run_conversions WHERE workflow_id = ?').run(workflows[3]);
  c.prepare('DELETE FROM survey_answers WHERE customer_id = ?').run('c7');
}
