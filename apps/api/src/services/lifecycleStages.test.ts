import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeStage, events, getCustomer, stageHistoryOf } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';
import { sweepLifecycle } from '../dispatch/lifecycleSweep';
import { applyInactivityRules, lifecycleConfig } from './lifecycleStages';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const stageEvents = async () => (await t.db.select().from(events)).filter((event) => event.name === 'stage_entered').map((event) => event.properties.stage);

describe('lifecycle stages', () => {
  it('moves customers by the default rules and records each change with its cause', async () => {
    await t.ingest('/v1/track', { userId: 'u1', event: 'viewed' });
    await t.ingest('/v1/identify', { userId: 'u1', traits: { email: 'u1@example.com' } });
    expect((await getCustomer(t.db, 'u1'))?.lifecycleStage).toBe('acquisition');
    await t.ingest('/v1/track', { userId: 'u1', event: 'purchase' });
    await t.ingest('/v1/track', { userId: 'u1', event: 'purchase' });
    expect((await getCustomer(t.db, 'u1'))?.lifecycleStage).toBe('retention');
    expect((await stageHistoryOf(t.db, 'u1')).map((change) => [change.fromStage, change.toStage, change.cause])).toEqual([
      ['acquisition', 'retention', 'first `purchase` event'],
      [null, 'acquisition', 'identified with an email'],
    ]);
    expect(await stageEvents()).toEqual(['acquisition', 'retention']);
  });

  it('records a stage set by the identify trait lifecycleStage as a stage change, like any other move', async () => {
    await t.ingest('/v1/identify', { userId: 'imported', traits: { lifecycleStage: 'trial', plan: 'pro' }, timestamp: '2026-01-05T10:00:00.000Z' });
    await t.ingest('/v1/identify', { userId: 'imported', traits: { lifecycleStage: 'customer' }, timestamp: '2026-02-01T10:00:00.000Z' });
    await t.ingest('/v1/identify', { userId: 'imported', traits: { lifecycleStage: 'customer', plan: 'team' } });
    expect((await getCustomer(t.db, 'imported'))?.lifecycleStage).toBe('customer');
    expect((await stageHistoryOf(t.db, 'imported')).map((change) => [change.fromStage, change.toStage, change.cause, change.at])).toEqual([
      ['trial', 'customer', 'identify trait `lifecycleStage`', '2026-02-01T10:00:00.000Z'],
      [null, 'trial', 'identify trait `lifecycleStage`', '2026-01-05T10:00:00.000Z'],
    ]);
    expect(await stageEvents()).toEqual(['trial', 'customer']);
  });

  it('moves customers with no activity for 30 days through the sweep', async () => {
    const old = new Date(Date.now() - 31 * 86_400_000).toISOString();
    await t.ingest('/v1/track', { userId: 'quiet', event: 'purchase', timestamp: old });
    await t.ingest('/v1/track', { userId: 'busy', event: 'purchase' });
    expect((await sweepLifecycle(t.db)).moved).toBe(1);
    expect((await getCustomer(t.db, 'quiet'))?.lifecycleStage).toBe('at_risk');
    expect((await getCustomer(t.db, 'busy'))?.lifecycleStage).toBe('retention');
    expect((await stageHistoryOf(t.db, 'quiet'))[0]?.cause).toBe('no activity for 30 days');
    expect((await sweepLifecycle(t.db)).moved).toBe(0);
  });

  it('moves inactive customers over successive sweeps when there are more than one sweep may move, and finds one moved back without activity on the next round', async () => {
    const old = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    for (const [i, userId] of ['a', 'b', 'c', 'd', 'e'].entries()) await t.ingest('/v1/track', { userId, event: 'purchase', timestamp: old(40 + i) });
    const config = await lifecycleConfig(t.db);
    const now = new Date();
    // Two a sweep, in turn: each sweep reads on from where the last one stopped.
    const moved: number[] = [];
    for (let sweep = 0; sweep < 4; sweep++) moved.push(await applyInactivityRules(t.db, config, now, 2));
    expect(moved).toEqual([2, 2, 1, 0]);
    const stages: (string | null | undefined)[] = [];
    for (const id of ['a', 'b', 'c', 'd', 'e']) stages.push((await getCustomer(t.db, id))?.lifecycleStage);
    expect(stages).toEqual(['at_risk', 'at_risk', 'at_risk', 'at_risk', 'at_risk']);
    // Moved back by hand (no activity): the walk's next round finds them again.
    await changeStage(t.db, { customerId: 'c', to: 'retention', cause: 'by hand', at: now.toISOString() });
    expect((await applyInactivityRules(t.db, config, now, 2)) + await applyInactivityRules(t.db, config, now, 2)).toBe(1);
    expect((await getCustomer(t.db, 'c'))?.lifecycleStage).toBe('at_risk');
  });

  it('reads a bounded slice of the inactive customers per sweep, so a million already moved do not stall every sweep', async () => {
    // 10,000 long-inactive customers already in the target stage, then one more recently inactive and still movable.
    const insertCustomer = t.db.prepare(`INSERT INTO customers (id, lifecycle_stage) VALUES (?, ?)`);
    const insertSeen = t.db.prepare(`INSERT INTO customer_activity (customer_id, last_seen_at) VALUES (?, ?)`);
    await t.db.transaction(async () => {
      for (let i = 0; i < 10_000; i++) {
        await insertCustomer.run(`gone-${i}`, 'at_risk');
        await insertSeen.run(`gone-${i}`, new Date(Date.now() - (200 - i / 100) * 86_400_000).toISOString());
      }
      await insertCustomer.run('drifting', 'retention');
      await insertSeen.run('drifting', new Date(Date.now() - 35 * 86_400_000).toISOString());
    });
    const config = await lifecycleConfig(t.db);
    // The first sweep reads the 10,000 oldest and moves none; the next reads on and moves the one left.
    const moved: number[] = [];
    for (let sweep = 0; sweep < 2; sweep++) moved.push(await applyInactivityRules(t.db, config, new Date()));
    expect(moved).toEqual([0, 1]);
    expect((await getCustomer(t.db, 'drifting'))?.lifecycleStage).toBe('at_risk');
  });

  it('saves configured stages and rules, refusing rules that name unknown stages', async () => {
    const bad = await t.send('PUT', '/api/lifecycle/stages', { stages: ['lead', 'customer'], rules: [{ kind: 'event', event: 'paid', to: 'vip' }] });
    expect(bad.status).toBe(422);
    const good = await t.send('PUT', '/api/lifecycle/stages', { stages: ['lead', 'customer'], rules: [{ kind: 'event', event: 'paid', to: 'customer' }] });
    expect(good.status).toBe(200);
    await t.ingest('/v1/track', { userId: 'u1', event: 'paid' });
    expect((await getCustomer(t.db, 'u1'))?.lifecycleStage).toBe('customer');
    expect((await t.send('GET', '/api/lifecycle/stages')).body.stages).toEqual(['lead', 'customer']);
  });

  it('records a stage set from outside ingest (a journey node) and emits stage_entered', async () => {
    await t.ingest('/v1/identify', { userId: 'u1' });
    expect((await changeStage(t.db, { customerId: 'u1', to: 'advocacy', cause: 'journey j1 node set_stage' })).changed).toBe(true);
    expect((await changeStage(t.db, { customerId: 'u1', to: 'advocacy', cause: 'again' })).changed).toBe(false);
    expect(await stageEvents()).toEqual(['advocacy']);
  });
});
