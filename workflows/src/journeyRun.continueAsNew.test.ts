import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traitsUpdatedEvent, type JourneyGoal, type JourneyGraph } from '@lifecycle/journey';
import type { StepRecord } from './activities';
import { journeyRunId } from './ids';
import { customerEventSignal, holdSignal, skipWaitSignal } from './messages';
import { allOf, graphOf } from './testing/graphs';
import { customerEvent, startJourneyHarness, type JourneyHarness, type RunHandle } from './testing/journeyHarness';
import { customer } from './testing/memoryActivities';
import { finishedSteps, lastRun, progressCalls } from './testing/recorded';

const day = 86_400_000;
/** A history this long makes the run continue as new (production: thousands; here a few dozen signals). */
const historyLimit = 40;

let harness: JourneyHarness;
beforeAll(async () => {
  harness = await startJourneyHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function start(customerId: string, graph: JourneyGraph, traits: Record<string, unknown> = {}): Promise<RunHandle> {
  harness.world.customers.set(customerId, customer(customerId, traits));
  return harness.start(graph, customerId, { workflowId: journeyRunId('long', customerId, 'once'), historyLimit });
}

/** Signals `count` events the run keeps but that end nothing, one at a time (each one a workflow task). */
async function signalMany(handle: RunHandle, count: number, event: (index: number) => ReturnType<typeof customerEvent>): Promise<void> {
  for (let index = 0; index < count; index += 1) await handle.signal(customerEventSignal, event(index));
}

/** The statuses of the run's histories, oldest first, and the current one's length. */
async function histories(handle: RunHandle): Promise<{ first: string | undefined; currentLength: number; currentRunId: string }> {
  const first = await harness.env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
  const current = await harness.env.client.workflow.getHandle(handle.workflowId).describe();
  return { first: first.status.name, currentLength: current.historyLength, currentRunId: current.runId };
}

/** Waits (10 s at most) until the run's first history has ended by continuing as new. */
async function continued(handle: RunHandle): Promise<void> {
  let last: string | undefined;
  for (let attempt = 0; attempt < 400; attempt += 1) {
    last = (await histories(handle)).first;
    if (last === 'CONTINUED_AS_NEW') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`run ${handle.workflowId} never continued as new; its first history is ${last}`);
}

/** Every record of one step (its entry and its exit share a seq). */
function recordsOf(handle: RunHandle, nodeId: string): StepRecord[] {
  return progressCalls(harness.world, handle.workflowId).flatMap((call) => (call.step?.nodeId === nodeId ? [call.step] : []));
}

describe('a run whose history grows long while it waits continues as new', () => {
  it('a wait for an event keeps waiting across histories and takes the matching event once it comes', async () => {
    const graph = graphOf(
      [
        { id: 'big_order', type: 'wait_for_event', awaited: { kind: 'event', event: 'purchase', conditions: allOf({ kind: 'event_property', path: 'amount', op: 'gt', value: 100 }) }, timeout: { amount: 5, unit: 'days' } },
        { id: 'thank', type: 'send_email', templateId: 'tpl_thanks' },
        { id: 'done', type: 'exit' },
        { id: 'gave_up', type: 'exit' },
      ],
      [['trigger', 'next', 'big_order'], ['big_order', 'matched', 'thank'], ['big_order', 'timed_out', 'gave_up'], ['thank', 'next', 'done']],
    );
    const handle = await start('cara', graph);
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'big_order' && p.status === 'waiting');
    await signalMany(handle, 30, (index) => customerEvent(`evt-small-${index}`, 'purchase', { amount: 5 }));
    await continued(handle);
    const during = await histories(handle);
    expect(during.currentRunId).not.toBe(handle.firstExecutionRunId);
    expect(during.currentLength).toBeLessThan(historyLimit + 10);

    await handle.signal(customerEventSignal, customerEvent('evt-big', 'purchase', { amount: 500 }));
    expect(await handle.result()).toBe('completed');
    expect(finishedSteps(harness.world, handle.workflowId).map((step) => [step.seq, step.nodeId, step.exit])).toEqual([
      [1, 'trigger', 'next'],
      [2, 'big_order', 'matched'],
      [3, 'thank', 'next'],
      [4, 'done', null],
    ]);
    // Entered once, left once, whatever the number of histories in between.
    expect(recordsOf(handle, 'big_order').map((step) => (step.leftAt ? 'left' : 'entered'))).toEqual(['entered', 'left']);
    expect(finishedSteps(harness.world, handle.workflowId)[1]?.detail).toMatchObject({ eventId: 'evt-big' });
    expect(harness.world.sent.filter((send) => send.workflowId === handle.workflowId)).toHaveLength(1);
    expect(lastRun(harness.world, handle.workflowId)).toMatchObject({ status: 'completed', triggerEventId: 'evt-signup-cara' });
  });

  it('a timed wait ends when it would have, not later, and a repeated delivery of an event before the move counts once', async () => {
    const goal: JourneyGoal = { event: 'purchase', conditions: allOf({ kind: 'event_property', path: 'amount', op: 'gt', value: 1000 }) };
    const graph = graphOf([{ id: 'wait_5d', type: 'wait', duration: { amount: 5, unit: 'days' } }, { id: 'done', type: 'exit' }], [['trigger', 'next', 'wait_5d'], ['wait_5d', 'next', 'done']]);
    const handle = await start('dan', { ...graph, goal });
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_5d' && p.status === 'waiting');
    await harness.env.sleep(1 * day);
    await signalMany(handle, 30, (index) => customerEvent(`evt-small-${index}`, 'purchase', { amount: 5 }));
    await continued(handle);
    await harness.env.sleep(2 * day);
    expect(await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_5d')).toMatchObject({ status: 'waiting' });
    await harness.env.sleep(2 * day);
    expect(await handle.result()).toBe('completed');
    const wait = finishedSteps(harness.world, handle.workflowId).find((step) => step.nodeId === 'wait_5d');
    expect(wait?.outcome).toBe('waited 5 days');
    expect(Date.parse(wait!.leftAt!) - Date.parse(wait!.enteredAt)).toBeGreaterThanOrEqual(5 * day);
    expect(Date.parse(wait!.leftAt!) - Date.parse(wait!.enteredAt)).toBeLessThan(5 * day + 60_000);
  });

  it('a goal reached after the move still converts the run', async () => {
    const goal: JourneyGoal = { event: 'purchase', conditions: allOf({ kind: 'event_property', path: 'amount', op: 'gt', value: 1000 }) };
    const graph = graphOf([{ id: 'wait_5d', type: 'wait', duration: { amount: 5, unit: 'days' } }, { id: 'done', type: 'exit' }], [['trigger', 'next', 'wait_5d'], ['wait_5d', 'next', 'done']]);
    const handle = await start('eli', { ...graph, goal });
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_5d' && p.status === 'waiting');
    await signalMany(handle, 30, (index) => customerEvent(`evt-small-${index}`, 'purchase', { amount: 5 }));
    await continued(handle);
    await handle.signal(customerEventSignal, customerEvent('evt-small-3', 'purchase', { amount: 5000 })); // a repeat: already seen
    await handle.signal(customerEventSignal, customerEvent('evt-huge', 'purchase', { amount: 5000 }));
    expect(await handle.result()).toBe('converted');
    expect(lastRun(harness.world, handle.workflowId)).toMatchObject({ status: 'converted' });
    expect(finishedSteps(harness.world, handle.workflowId).at(-1)?.detail).toMatchObject({ goalEventId: 'evt-huge' });
  });

  it('events received before the move still count for a later wait counting from the run start', async () => {
    const graph = graphOf(
      [
        { id: 'wait_a', type: 'wait_for_event', awaited: { kind: 'event', event: 'activated' }, timeout: { amount: 5, unit: 'days' } },
        { id: 'wait_b', type: 'wait_for_event', awaited: { kind: 'event', event: 'invited_team', countFrom: { from: 'run_start' } }, timeout: { amount: 1, unit: 'days' } },
        { id: 'done', type: 'exit' },
      ],
      [['trigger', 'next', 'wait_a'], ['wait_a', 'matched', 'wait_b'], ['wait_a', 'timed_out', 'done'], ['wait_b', 'matched', 'done'], ['wait_b', 'timed_out', 'done']],
    );
    const handle = await start('fay', graph);
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_a' && p.status === 'waiting');
    await handle.signal(customerEventSignal, customerEvent('evt-invited', 'invited_team'));
    await signalMany(handle, 30, (index) => customerEvent(`evt-view-${index}`, 'page_viewed'));
    await continued(handle);
    await handle.signal(customerEventSignal, customerEvent('evt-activated', 'activated'));
    expect(await handle.result()).toBe('completed');
    const steps = finishedSteps(harness.world, handle.workflowId);
    expect(steps.map((step) => [step.nodeId, step.exit])).toEqual([['trigger', 'next'], ['wait_a', 'matched'], ['wait_b', 'matched'], ['done', null]]);
    expect(steps[2]?.detail).toMatchObject({ eventId: 'evt-invited' });
    expect(steps[2]?.outcome).toMatch(/before this step$/);
  });

  it('a wait until a date trait keeps its moment across histories and moves when the trait changes after', async () => {
    const now = await harness.env.currentTimeMs();
    const renewal = (fromNowMs: number) => new Date(now + fromNowMs).toISOString();
    const graph = graphOf(
      [{ id: 'wait', type: 'wait', until: { kind: 'trait_date', trait: 'renewal_at', when: { kind: 'on' }, zone: { kind: 'customer' } } }, { id: 'done', type: 'exit' }],
      [['trigger', 'next', 'wait'], ['wait', 'next', 'done']],
    );
    const handle = await start('gus', graph, { renewal_at: renewal(10 * day) });
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait' && p.status === 'waiting');
    await signalMany(handle, 30, (index) => traitsUpdatedEvent({ id: `evt-plan-${index}`, traits: { plan: 'pro' }, timestamp: new Date().toISOString() }));
    await continued(handle);
    harness.world.customers.set('gus', customer('gus', { renewal_at: renewal(3 * day) }));
    await handle.signal(customerEventSignal, traitsUpdatedEvent({ id: 'evt-renewal', traits: { renewal_at: renewal(3 * day) }, timestamp: new Date().toISOString() }));
    await harness.env.sleep(4 * day);
    expect(await handle.result()).toBe('completed');
    const wait = finishedSteps(harness.world, handle.workflowId).find((step) => step.nodeId === 'wait');
    expect(wait?.outcome).toMatch(/^waited until /);
    expect(wait?.detail?.moves).toHaveLength(1);
    expect(recordsOf(handle, 'wait').filter((step) => step.leftAt)).toHaveLength(1);
  });

  it('a run held by a paused journey stays held across histories and goes on once released, with one hold step', async () => {
    const graph = graphOf(
      [{ id: 'wait_1d', type: 'wait', duration: { amount: 1, unit: 'days' } }, { id: 'thank', type: 'send_email', templateId: 'tpl_thanks' }, { id: 'done', type: 'exit' }],
      [['trigger', 'next', 'wait_1d'], ['wait_1d', 'next', 'thank'], ['thank', 'next', 'done']],
    );
    const handle = await start('hal', graph);
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_1d' && p.status === 'waiting');
    await handle.signal(holdSignal, { held: true, reason: 'held: journey paused' });
    await handle.signal(skipWaitSignal);
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'thank' && p.status === 'waiting');
    await signalMany(handle, 30, (index) => customerEvent(`evt-view-${index}`, 'page_viewed'));
    await continued(handle);
    expect(await harness.progressWhen(handle, (p) => p.currentNodeId === 'thank')).toMatchObject({ status: 'waiting' });
    expect(harness.world.sent.filter((send) => send.workflowId === handle.workflowId)).toHaveLength(0);
    await handle.signal(holdSignal, { held: false, reason: 'resumed' });
    expect(await handle.result()).toBe('completed');
    const holds = finishedSteps(harness.world, handle.workflowId).filter((step) => step.detail?.held === true);
    expect(holds.map((step) => [step.nodeId, step.outcome?.startsWith('held: journey paused; released after')])).toEqual([['thank', true]]);
    expect(harness.world.sent.filter((send) => send.workflowId === handle.workflowId)).toHaveLength(1);
  });
});
