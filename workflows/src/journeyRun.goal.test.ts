import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyGoal } from '@lifecycle/journey';
import { journeyRunId } from './ids';
import { customerEventSignal } from './messages';
import { graphOf } from './testing/graphs';
import { customerEvent, startJourneyHarness, type JourneyHarness, type RunHandle } from './testing/journeyHarness';
import { customer } from './testing/memoryActivities';

const day = 86_400_000;

let harness: JourneyHarness;
beforeAll(async () => {
  harness = await startJourneyHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/** signed_up → wait 5 days → exit, with `goal`. */
async function waitingRun(customerId: string, goal: JourneyGoal): Promise<RunHandle> {
  harness.world.customers.set(customerId, customer(customerId));
  const graph = graphOf([{ id: 'wait_5d', type: 'wait', duration: { amount: 5, unit: 'days' } }, { id: 'done', type: 'exit' }], [['trigger', 'next', 'wait_5d'], ['wait_5d', 'next', 'done']]);
  const handle = await harness.start({ ...graph, goal }, customerId, { workflowId: journeyRunId('goals', customerId, 'once') });
  await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_5d' && p.status === 'waiting');
  return handle;
}

describe('journey goals', () => {
  it('a segment goal converts on entering that segment, not another one', async () => {
    const handle = await waitingRun('sam', { kind: 'segment_entered', segmentId: 'seg_paying' });
    await handle.signal(customerEventSignal, customerEvent('evt-other', 'segment_entered', { segmentId: 'seg_trial' }));
    await handle.signal(customerEventSignal, customerEvent('evt-left', 'segment_exited', { segmentId: 'seg_paying' }));
    await handle.signal(customerEventSignal, customerEvent('evt-paying', 'segment_entered', { segmentId: 'seg_paying' }));
    expect(await handle.result()).toBe('converted');
  });

  it('a goal reached inside its conversion window converts the run', async () => {
    const handle = await waitingRun('tia', { event: 'purchase', window: { amount: 2, unit: 'days' } });
    await harness.env.sleep(1 * day);
    await handle.signal(customerEventSignal, customerEvent('evt-buy-tia', 'purchase'));
    expect(await handle.result()).toBe('converted');
  });

  it('a goal reached after its conversion window leaves the run going to its end', async () => {
    const handle = await waitingRun('uma', { event: 'purchase', window: { amount: 2, unit: 'days' } });
    await harness.env.sleep(3 * day);
    await handle.signal(customerEventSignal, customerEvent('evt-buy-uma', 'purchase'));
    expect(await handle.result()).toBe('completed');
  });

  it('a goal without a window (saved before windows existed) converts whenever it comes during the run', async () => {
    const handle = await waitingRun('vic', { event: 'purchase' });
    await harness.env.sleep(3 * day);
    await handle.signal(customerEventSignal, customerEvent('evt-buy-vic', 'purchase'));
    expect(await handle.result()).toBe('converted');
  });
});
