import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from './platform';

/** trial_started → wait up to 30 days for `purchase` → exit (either way). */
const draft = {
  nodes: [
    { id: 'trigger', type: 'trigger', event: 'trial_started', reentry: { policy: 'once' } },
    { id: 'wait_purchase', type: 'wait_for_event', awaited: { kind: 'event', event: 'purchase' }, timeout: { amount: 30, unit: 'days' } },
    { id: 'bought', type: 'exit' },
    { id: 'gave_up', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'wait_purchase' },
    { id: 'e2', source: 'wait_purchase', sourceExit: 'matched', target: 'bought' },
    { id: 'e3', source: 'wait_purchase', sourceExit: 'timed_out', target: 'gave_up' },
  ],
};

const OTHER_EVENTS = 10_000;
const PER_BATCH = 1_000;

describe('a waiting run among thousands of events it cannot use', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it("is signalled only the event it waits for: its Temporal history stays short, and the purchase still ends its wait", async () => {
    const { client } = platform;
    const journey = await client.call<{ id: string }>('POST', '/api/journeys', { name: 'Trial to purchase', draft });
    await client.call('POST', `/api/journeys/${journey.id}/publish`);
    await client.track('ada', 'trial_started');
    await expect
      .poll(async () => (await client.runsOf(journey.id)).runs.map((run) => `${run.customerId}:${run.status}:${run.currentNodeId}`), { timeout: 120_000, interval: 250 })
      .toEqual(['ada:waiting:wait_purchase']);
    const { workflowId } = (await client.runsOf(journey.id)).runs[0]!;

    // Ten thousand events of ada's that nothing in the journey reads: page views, clicks, trait changes.
    const authorization = `Basic ${Buffer.from(`${platform.env.WRITE_KEY}:`).toString('base64')}`;
    for (let start = 0; start < OTHER_EVENTS; start += PER_BATCH) {
      const batch = Array.from({ length: PER_BATCH }, (_, offset) => {
        const n = start + offset;
        if (n % 100 === 0) return { type: 'identify', userId: 'ada', traits: { visits: n } };
        return { type: 'track', userId: 'ada', event: n % 2 === 0 ? 'page_viewed' : 'clicked_banner', properties: { n } };
      });
      await client.call('POST', '/v1/batch', { batch }, { authorization });
    }
    // Every one of them dispatched, as the dashboard shows it (nothing left waiting to reach journeys).
    await expect
      .poll(async () => (await client.call<{ dispatch: { waiting: number } }>('GET', '/api/dashboard')).dispatch.waiting, { timeout: 180_000, interval: 500 })
      .toBe(0);

    const connection = await Connection.connect({ address: platform.temporal.address });
    try {
      // Started, its first tasks, the step records and the timer: a few dozen events at most (10,000 more if signalled).
      const { historyLength } = await new Client({ connection }).workflow.getHandle(workflowId).describe();
      expect(historyLength).toBeLessThan(50);
    } finally {
      await connection.close();
    }

    await client.track('ada', 'purchase', { total: 49 });
    await expect.poll(async () => (await client.run(workflowId)).run.status, { timeout: 120_000, interval: 250 }).toBe('completed');
    const { steps } = await client.run(workflowId);
    expect(steps.find((step) => step.nodeId === 'wait_purchase')).toMatchObject({ exit: 'matched', outcome: expect.stringMatching(/^`purchase` arrived after /) });
    expect(steps.at(-1)).toMatchObject({ nodeId: 'bought' });
  });
});
