import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyGoal } from '@lifecycle/journey';
import { journeyRunId } from './ids';
import { customerEventSignal } from './messages';
import { allOf, graphOf } from './testing/graphs';
import { customerEvent, startJourneyHarness, type JourneyHarness } from './testing/journeyHarness';
import { customer } from './testing/memoryActivities';
import { finishedSteps } from './testing/recorded';

const day = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

let harness: JourneyHarness;
beforeAll(async () => {
  harness = await startJourneyHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe('history conditions where events arrive (read through the same activity as a split)', () => {
  it('a wait-for-event filter on history passes over a purchase it refuses and takes the next one that passes, saying what it read', async () => {
    harness.world.customers.set('wes', customer('wes'));
    const graph = graphOf(
      [
        {
          id: 'wait_buy',
          type: 'wait_for_event',
          awaited: { kind: 'event', event: 'purchase', conditions: allOf({ kind: 'event', event: 'pricing_viewed', op: 'happened', within: { amount: 7, unit: 'days' } }) },
          timeout: { amount: 5, unit: 'days' },
        },
        { id: 'bought', type: 'exit' },
        { id: 'gave_up', type: 'exit' },
      ],
      [['trigger', 'next', 'wait_buy'], ['wait_buy', 'matched', 'bought'], ['wait_buy', 'timed_out', 'gave_up']],
    );
    const handle = await harness.start(graph, 'wes', { workflowId: journeyRunId('history-filters', 'wes', 'once') });
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_buy' && p.status === 'waiting');
    await handle.signal(customerEventSignal, customerEvent('evt-buy-1', 'purchase'));
    await harness.env.sleep(1 * day);
    harness.world.history.events.push({ customerId: 'wes', name: 'pricing_viewed', properties: {}, timestamp: ago(0) });
    await handle.signal(customerEventSignal, customerEvent('evt-buy-2', 'purchase'));
    expect(await handle.result()).toBe('completed');
    const wait = finishedSteps(harness.world, handle.workflowId).find((step) => step.nodeId === 'wait_buy');
    expect(wait?.exit).toBe('matched');
    expect(wait?.detail).toMatchObject({ eventId: 'evt-buy-2' });
    expect(wait?.outcome).toContain('`pricing_viewed` 1 time');
  });

  it('a goal whose conditions read history converts only on an event for which they hold', async () => {
    const goal: JourneyGoal = { event: 'purchase', conditions: allOf({ kind: 'segment', segmentId: 'seg_vip', member: true }) };
    const waitingRun = async (customerId: string) => {
      harness.world.customers.set(customerId, customer(customerId));
      const graph = graphOf([{ id: 'wait_5d', type: 'wait', duration: { amount: 5, unit: 'days' } }, { id: 'done', type: 'exit' }], [['trigger', 'next', 'wait_5d'], ['wait_5d', 'next', 'done']]);
      const handle = await harness.start({ ...graph, goal }, customerId, { workflowId: journeyRunId('history-goal', customerId, 'once') });
      await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_5d' && p.status === 'waiting');
      return handle;
    };
    const outsider = await waitingRun('otto');
    await outsider.signal(customerEventSignal, customerEvent('evt-otto-buy', 'purchase'));
    await harness.env.sleep(6 * day);
    expect(await outsider.result()).toBe('completed');

    harness.world.history.segments.set('seg_vip', { name: 'VIPs', members: new Set(['vera']) });
    const member = await waitingRun('vera');
    await member.signal(customerEventSignal, customerEvent('evt-vera-buy', 'purchase'));
    expect(await member.result()).toBe('converted');
  });
});
