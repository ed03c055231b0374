import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, stageHistoryOf } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';
import { sweepLifecycle } from './lifecycleSweep';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

describe('the lifecycle sweep', () => {
  // The sweep lease keeps a second process from sweeping while the first does, for as long as the lease lasts: a sweep
  // that outlives it (a slow database, a process paused) meets the next holder's. Two sweeps of one process share
  // its lease, so two at once here are that overlap.
  it('moves each inactive customer once when two sweeps overlap', async () => {
    const longAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const customers = Array.from({ length: 20 }, (_, index) => `quiet${index}`);
    await t.ingest('/v1/batch', { batch: customers.map((userId) => ({ type: 'track', userId, event: 'purchase', timestamp: longAgo })) });

    const sweeps = await Promise.all([sweepLifecycle(t.db), sweepLifecycle(t.db)]);
    expect(sweeps[0].moved + sweeps[1].moved).toBe(customers.length);
    for (const customerId of customers) {
      expect((await stageHistoryOf(t.db, customerId)).map((change) => change.toStage)).toEqual(['at_risk', 'retention']);
    }
    const atRisk = (await t.db.select().from(events)).filter((event) => event.name === 'stage_entered' && event.properties.stage === 'at_risk');
    expect(atRisk.map((event) => event.customerId).sort()).toEqual([...customers].sort());
  });
});
