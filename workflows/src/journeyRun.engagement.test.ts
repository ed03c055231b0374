import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventCountFrom } from '@lifecycle/journey';
import { journeyRunId } from './ids';
import { customerEventSignal } from './messages';
import { graphOf, welcomeGraph } from './testing/graphs';
import { customerEvent, startJourneyHarness, type JourneyHarness, type RunHandle } from './testing/journeyHarness';
import { customer } from './testing/memoryActivities';
import { finishedSteps, lastRun } from './testing/recorded';

const hour = 3_600_000;

let harness: JourneyHarness;
beforeAll(async () => {
  harness = await startJourneyHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/** signed_up → wait 1 day → wait up to 2 days for `pricing_viewed` (counted from `countFrom`) → matched / timed out. */
function pricingGraph(countFrom?: EventCountFrom) {
  return graphOf(
    [
      { id: 'wait_1d', type: 'wait', duration: { amount: 1, unit: 'days' } },
      { id: 'wait_pricing', type: 'wait_for_event', awaited: { kind: 'event', event: 'pricing_viewed', countFrom }, timeout: { amount: 2, unit: 'days' } },
      { id: 'exit_matched', type: 'exit' },
      { id: 'exit_timed_out', type: 'exit' },
    ],
    [
      ['trigger', 'next', 'wait_1d'],
      ['wait_1d', 'next', 'wait_pricing'],
      ['wait_pricing', 'matched', 'exit_matched'],
      ['wait_pricing', 'timed_out', 'exit_timed_out'],
    ],
  );
}

/** Starts a run and waits until it sits in the 1-day wait. */
async function inFirstWait(customerId: string, countFrom?: EventCountFrom): Promise<RunHandle> {
  harness.world.customers.set(customerId, customer(customerId));
  const handle = await harness.start(pricingGraph(countFrom), customerId, { workflowId: journeyRunId('pricing', customerId, 'once') });
  await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_1d' && p.status === 'waiting');
  return handle;
}

async function waitPricingStep(handle: RunHandle) {
  expect(await handle.result()).toBe('completed');
  return finishedSteps(harness.world, handle.workflowId).find((step) => step.nodeId === 'wait_pricing');
}

describe('wait for a named event: which events count', () => {
  it('by default ignores an event that came before the run reached the step', async () => {
    const handle = await inFirstWait('nia');
    await handle.signal(customerEventSignal, customerEvent('evt-pricing-nia', 'pricing_viewed'));
    expect(await waitPricingStep(handle)).toMatchObject({ exit: 'timed_out', outcome: 'timed out after 2 days' });
  });

  it('"since the run started" counts an event that came during an earlier wait', async () => {
    const handle = await inFirstWait('omar', { from: 'run_start' });
    await handle.signal(customerEventSignal, customerEvent('evt-pricing-omar', 'pricing_viewed'));
    const step = await waitPricingStep(handle);
    expect(step).toMatchObject({ exit: 'matched', outcome: '`pricing_viewed` 1 day before this step', detail: { eventId: 'evt-pricing-omar' } });
  });

  it('a look-back window ignores an event older than the window', async () => {
    const handle = await inFirstWait('pia', { from: 'look_back', window: { amount: 2, unit: 'hours' } });
    await handle.signal(customerEventSignal, customerEvent('evt-pricing-pia-old', 'pricing_viewed')); // about 24 h before the step
    expect(await waitPricingStep(handle)).toMatchObject({ exit: 'timed_out' });
  });

  it('a look-back window counts an event within the window, not the older one', async () => {
    const handle = await inFirstWait('quin', { from: 'look_back', window: { amount: 2, unit: 'hours' } });
    await handle.signal(customerEventSignal, customerEvent('evt-pricing-quin-old', 'pricing_viewed'));
    await harness.env.sleep(23 * hour);
    await handle.signal(customerEventSignal, customerEvent('evt-pricing-quin-recent', 'pricing_viewed')); // about 1 h before the step
    const step = await waitPricingStep(handle);
    expect(step).toMatchObject({ exit: 'matched', outcome: '`pricing_viewed` 1 hour before this step', detail: { eventId: 'evt-pricing-quin-recent' } });
  });

  it('every setting counts an event that arrives while the run waits at the step', async () => {
    const handle = await inFirstWait('rae', { from: 'look_back', window: { amount: 1, unit: 'minutes' } });
    await harness.env.sleep(25 * hour);
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_pricing' && p.status === 'waiting');
    await handle.signal(customerEventSignal, customerEvent('evt-pricing-rae', 'pricing_viewed'));
    expect(await waitPricingStep(handle)).toMatchObject({ exit: 'matched', detail: { eventId: 'evt-pricing-rae' } });
  });
});

describe('a send that fails', () => {
  it('marks the step failed and counts it on the run, which still goes on to its end', async () => {
    harness.world.customers.set('sid', customer('sid'));
    harness.world.missingTemplates.add('tpl_gone');
    const graph = welcomeGraph();
    const sendWelcome = graph.nodes.find((node) => node.id === 'send_welcome');
    if (sendWelcome?.type !== 'send_email') throw new Error('the welcome journey has no send_welcome');
    sendWelcome.templateId = 'tpl_gone';
    const handle = await harness.start(graph, 'sid', { workflowId: journeyRunId('broken', 'sid', 'once') });
    expect(await handle.result()).toBe('completed');
    const steps = finishedSteps(harness.world, handle.workflowId);
    expect(steps.find((step) => step.nodeId === 'send_welcome')).toMatchObject({ outcome: 'failed: template_missing', failed: true });
    expect(steps.filter((step) => step.failed).map((step) => step.nodeId)).toEqual(['send_welcome']);
    expect(lastRun(harness.world, handle.workflowId)).toMatchObject({ status: 'completed', failedSteps: 1 });
  });
});
