import { changeStage, stageFunnelPaths, stayBucketBounds, type Db } from '@lifecycle/db';
import { DEFAULT_LIFECYCLE } from '@lifecycle/journey';
import { describe, expect, it } from 'vitest';
import { resolveRange } from '../analyticsQuery';
import { sweepLifecycle } from '../../dispatch/lifecycleSweep';
import { funnelOf } from './funnelOf';
import { funnelGaps } from './stagesFunnel';
import type { FunnelQuery } from './stagesAnswers';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openTestDatabase } from '@lifecycle/db/testing';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const STAGES = DEFAULT_LIFECYCLE.stages;
const CHANNELS = ['ads', 'news', 'referral', null];
const SEGMENTS = ['seg_a', 'seg_b'];


const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A funnel query over random days, stages (churned as an end too) and filters. */
function randomQuery(random: () => number): FunnelQuery {
  const a = Math.floor(random() * (STAGES.length - 1));
  const b = a + 1 + Math.floor(random() * (STAGES.length - 1 - a));
  const from = START + Math.floor(random() * 100) * DAY;
  const query: FunnelQuery = { from: day(from), to: day(from + Math.floor(random() * 60) * DAY), interval: 'week', start: STAGES[a], end: STAGES[b] };
  if (random() < 0.4) query.segment = SEGMENTS[Math.floor(random() * SEGMENTS.length)];
  if (random() < 0.4) query.channel = CHANNELS[Math.floor(random() * 3)]!;
  return query;
}

/** The duration bucket (5% wide) a time falls in. */
function bucketOf(ms: number): { lo: number; hi: number } {
  let bucket = 0;
  while (stayBucketBounds(bucket).hi <= ms) bucket += 1;
  return stayBucketBounds(bucket);
}

/** The rollup-backed funnel equals the one that follows every path: counts and weakest step exactly, medians within the buckets. */
async function expectSameFunnel(db: Db, query: FunnelQuery): Promise<number> {
  const rollup = await funnelOf(db, query, 'rollup');
  const paths = await funnelOf(db, query, 'paths');
  const counts = (answer: typeof rollup) => answer.steps.map((step) => [step.stage, step.customers, step.previousCustomers]);
  expect(counts(rollup), JSON.stringify(query)).toEqual(counts(paths));
  expect(rollup.weakestStep, JSON.stringify(query)).toEqual(paths.weakestStep);
  // Each exact time between steps; the median from buckets must lie within the buckets of the two middle values.
  const range = resolveRange(query);
  const steps = rollup.steps.map((step) => step.stage);
  const rows = await stageFunnelPaths(db, {
    start: steps[0]!,
    startIsFirstStage: steps[0] === STAGES[0],
    from: range.from,
    to: range.to,
    filter: { segmentId: range.segmentId, channel: range.channel },
  });
  const { gaps } = funnelGaps(steps, rows);
  rollup.steps.forEach((step, i) => {
    const sorted = [...gaps[i]!].sort((a, b) => a - b);
    expect(step.medianMsFromPrevious === null, JSON.stringify(query)).toBe(i === 0 || sorted.length === 0);
    if (step.medianMsFromPrevious === null) return;
    const rank = (sorted.length - 1) / 2;
    expect(step.medianMsFromPrevious).toBeGreaterThanOrEqual(Math.floor(bucketOf(sorted[Math.floor(rank)]!).lo) - 1);
    expect(step.medianMsFromPrevious).toBeLessThanOrEqual(Math.ceil(bucketOf(sorted[Math.ceil(rank)]!).hi) + 1);
  });
  return rollup.steps[0]!.customers;
}

describe('stage funnel from the walks rollup', () => {
  it('counts what following every path counts, for any range, stages and filter, while stages, first-seen days, channels and segments change', async () => {
    const db = openTestDatabase(':memory:');
    const random = seededRandom(36);
    const ids: string[] = [];
    const addCustomer = async (time: number) => {
      const id = `c${ids.length}`;
      ids.push(id);
      await db.prepare('INSERT INTO customers (id) VALUES (?)').run(id);
      const channel = CHANNELS[Math.floor(random() * CHANNELS.length)]!;
      await db.prepare('INSERT INTO customer_facts (customer_id, first_seen_at, channel) VALUES (?, ?, ?)').run(id, new Date(time).toISOString(), channel);
      for (const segment of SEGMENTS) if (random() < 0.35) await db.prepare('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?)').run(segment, id, day(time));
    };
    const stageOf = new Map<string, number>();
    let entered = 0;
    let time = START;
    for (let op = 0; op < 4000; op += 1) {
      time += random() * 40 * 60_000;
      const roll = random();
      if (roll < 0.25 || ids.length < 10) await addCustomer(time);
      else if (roll < 0.85) {
        // Mostly one step forward, sometimes back, into churn, or a stage skipped; a few backfilled with a past time.
        const id = ids[Math.floor(random() * ids.length)]!;
        const now = stageOf.get(id) ?? -1;
        const move = random();
        const next = move < 0.7 ? now + 1 : move < 0.8 ? now + 2 : move < 0.9 ? Math.max(0, now - 1) : STAGES.length - 1;
        const to = Math.min(next, STAGES.length - 1);
        stageOf.set(id, to);
        const at = random() < 0.05 ? time - random() * 20 * DAY : time;
        await changeStage(db, { customerId: id, to: STAGES[to]!, cause: 'test', at: new Date(at).toISOString() });
      } else if (roll < 0.9) {
        // A backfilled event moves first seen back; a later first touch may name another channel.
        const id = ids[Math.floor(random() * ids.length)]!;
        await db.prepare('UPDATE customer_facts SET first_seen_at = min(first_seen_at, ?), channel = ? WHERE customer_id = ?').run(new Date(time - random() * 30 * DAY).toISOString(), CHANNELS[Math.floor(random() * CHANNELS.length)]!, id);
      } else if (roll < 0.97) {
        const id = ids[Math.floor(random() * ids.length)]!;
        const segment = SEGMENTS[Math.floor(random() * SEGMENTS.length)]!;
        if (random() < 0.5) await db.prepare('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(segment, id, day(time));
        else await db.prepare('DELETE FROM segment_memberships WHERE segment_id = ? AND customer_id = ?').run(segment, id);
      } else {
        // A segment saved: its members replaced set-based.
        await db.prepare(`DELETE FROM segment_memberships WHERE segment_id = 'seg_b' AND customer_id NOT IN (SELECT id FROM customers WHERE lifecycle_stage = 'engagement')`).run();
        await db.prepare(`INSERT INTO segment_memberships (segment_id, customer_id, entered_at) SELECT 'seg_b', id, ? FROM customers WHERE lifecycle_stage = 'engagement' ON CONFLICT DO NOTHING`).run(day(time));
      }
      // Reads in between: the rollup catches up on what changed since the last one.
      if (op % 500 === 499) for (let q = 0; q < 3; q += 1) entered += await expectSameFunnel(db, randomQuery(random));
    }
    for (let q = 0; q < 40; q += 1) entered += await expectSameFunnel(db, randomQuery(random));
    // The default funnel over everything, each filter.
    for (const filter of [{}, { segment: 'seg_a' }, { channel: 'ads' }, { segment: 'seg_b', channel: 'news' }])
      entered += await expectSameFunnel(db, { from: day(START), to: day(time), interval: 'week', ...filter });
    expect(entered).toBeGreaterThan(500);
  }, 600_000);

  it('rebuilds its walks when the stage order or the churn stages change', async () => {
    const db = openTestDatabase(':memory:');
    for (const [id, seen] of [['a', '2026-03-01T10:00:00.000Z'], ['b', '2026-03-02T10:00:00.000Z']] as const) {
      await db.prepare('INSERT INTO customers (id) VALUES (?)').run(id);
      await db.prepare('INSERT INTO customer_facts (customer_id, first_seen_at) VALUES (?, ?)').run(id, seen);
    }
    await changeStage(db, { customerId: 'a', to: 'lead', cause: 'test', at: '2026-03-03T10:00:00.000Z' });
    await changeStage(db, { customerId: 'a', to: 'customer', cause: 'test', at: '2026-03-05T10:00:00.000Z' });
    await changeStage(db, { customerId: 'b', to: 'customer', cause: 'test', at: '2026-03-04T10:00:00.000Z' });
    const query = { from: '2026-03-01', to: '2026-03-31', interval: 'week' as const };
    const reached = async () => (await funnelOf(db, query, 'rollup')).steps.map((step) => [step.stage, step.customers]);
    await db.prepare(`INSERT INTO lifecycle_settings (id, config) VALUES ('default', ?)`).run(JSON.stringify({ stages: ['visitor', 'lead', 'customer'], rules: [] }));
    expect(await reached()).toEqual([['visitor', 2], ['lead', 1], ['customer', 1]]);
    // Without `lead` in the order, b's move to customer counts too.
    await db.prepare(`UPDATE lifecycle_settings SET config = ? WHERE id = 'default'`).run(JSON.stringify({ stages: ['visitor', 'customer'], rules: [] }));
    expect(await reached()).toEqual([['visitor', 2], ['customer', 2]]);
    expect((await funnelOf(db, query, 'paths')).steps.map((step) => [step.stage, step.customers])).toEqual([['visitor', 2], ['customer', 2]]);
  });

  it('re-walks customers whose stages changed in the periodic sweep, so the next view finds nothing pending', async () => {
    const db = openTestDatabase(':memory:');
    await db.prepare('INSERT INTO customers (id) VALUES (?)').run('a');
    await db.prepare('INSERT INTO customer_facts (customer_id, first_seen_at) VALUES (?, ?)').run('a', '2026-03-01T10:00:00.000Z');
    await db.prepare(`INSERT INTO lifecycle_settings (id, config) VALUES ('default', ?)`).run(JSON.stringify({ stages: ['visitor', 'lead', 'customer'], rules: [] }));
    const query = { from: '2026-03-01', to: '2026-03-31', interval: 'week' as const };
    const reached = async () => (await funnelOf(db, query, 'rollup')).steps.map((step) => [step.stage, step.customers]);
    expect(await reached()).toEqual([['visitor', 1], ['lead', 0], ['customer', 0]]);
    await changeStage(db, { customerId: 'a', to: 'lead', cause: 'test', at: '2026-03-03T10:00:00.000Z' });
    const pending = async () => await db.prepare('SELECT count(*) FROM stage_funnel_dirty').pluck().get();
    expect(await pending()).toBe(1);
    await sweepLifecycle(db, new Date('2026-03-03T11:00:00.000Z'));
    expect(await pending()).toBe(0);
    expect(await reached()).toEqual([['visitor', 1], ['lead', 1], ['customer', 0]]);
  });
});
