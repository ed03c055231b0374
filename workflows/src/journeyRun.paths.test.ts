import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { pickArm, type NodeOf } from '@lifecycle/journey';
import { journeyRunId } from './ids';
import { customerEventSignal, skipWaitSignal } from './messages';
import { allOf, graphOf, welcomeGraph } from './testing/graphs';
import { customerEvent, startJourneyHarness, type JourneyHarness } from './testing/journeyHarness';
import { customer } from './testing/memoryActivities';
import { finishedSteps, lastRun, progressCalls } from './testing/recorded';

let harness: JourneyHarness;
beforeAll(async () => {
  harness = await startJourneyHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const planSplit = graphOf(
  [
    { id: 'plan', type: 'condition_split', branches: [{ id: 'pro', label: 'Pro plan', condition: allOf({ source: 'trait', path: 'plan', op: 'eq', value: 'pro' }) }] },
    { id: 'exit_pro', type: 'exit' },
    { id: 'exit_other', type: 'exit' },
  ],
  [
    ['trigger', 'next', 'plan'],
    ['plan', 'pro', 'exit_pro'],
    ['plan', 'else', 'exit_other'],
  ],
);

const abSplit: NodeOf<'random_split'> = {
  id: 'ab',
  type: 'random_split',
  arms: [
    { id: 'a', weight: 1 },
    { id: 'b', weight: 1 },
  ],
};
const abTest = graphOf(
  [abSplit, { id: 'exit_a', type: 'exit' }, { id: 'exit_b', type: 'exit' }],
  [
    ['trigger', 'next', 'ab'],
    ['ab', 'a', 'exit_a'],
    ['ab', 'b', 'exit_b'],
  ],
);

const bigPurchase = graphOf(
  [
    {
      id: 'await_purchase',
      type: 'wait_for_event',
      awaited: { kind: 'event', event: 'purchased', conditions: allOf({ source: 'event', path: 'amount', op: 'gte', value: 100 }) },
      timeout: { amount: 7, unit: 'days' },
    },
    { id: 'promote', type: 'update_customer', lifecycleStage: 'customer', traits: { big_spender: true } },
    { id: 'exit_bought', type: 'exit' },
    { id: 'exit_not', type: 'exit' },
  ],
  [
    ['trigger', 'next', 'await_purchase'],
    ['await_purchase', 'matched', 'promote'],
    ['promote', 'next', 'exit_bought'],
    ['await_purchase', 'timed_out', 'exit_not'],
  ],
);

function atNode(nodeId: string) {
  return (progress: { currentNodeId: string | null; status: string }) => progress.currentNodeId === nodeId && progress.status === 'waiting';
}

describe('journeyRun branching', () => {
  it('takes the condition split branch the customer matches and records the values it saw', async () => {
    harness.world.customers.set('free-fay', customer('free-fay', { plan: 'free' }));
    harness.world.customers.set('pro-pat', customer('pro-pat', { plan: 'pro' }));
    const free = await harness.start(planSplit, 'free-fay');
    await free.result();
    const pro = await harness.start(planSplit, 'pro-pat');
    await pro.result();

    const freeSplit = finishedSteps(harness.world, free.workflowId).find((step) => step.nodeId === 'plan');
    expect(freeSplit?.exit).toBe('else');
    expect(freeSplit?.outcome).toBe('`plan` was `free`, rule `plan = pro` did not match → else');
    expect(freeSplit?.detail?.checks).toMatchObject([{ actual: 'free', matched: false }]);
    expect(lastRun(harness.world, free.workflowId)?.currentNodeId).toBe('exit_other');

    const proSplit = finishedSteps(harness.world, pro.workflowId).find((step) => step.nodeId === 'plan');
    expect(proSplit?.exit).toBe('pro');
    expect(proSplit?.outcome).toMatch(/`plan` was `pro`.* → Pro plan$/);
  });

  it('takes the same random split arm every time the same run id runs', async () => {
    const workflowId = journeyRunId('ab', 'gus', 'evt-1');
    const arms: (string | null | undefined)[] = [];
    for (const attempt of [1, 2]) {
      const handle = await harness.start(abTest, 'gus', { workflowId });
      await handle.result();
      arms.push(finishedSteps(harness.world, workflowId).filter((step) => step.nodeId === 'ab')[attempt - 1]?.exit);
    }
    expect(arms[0]).toBe(pickArm(abSplit, `${workflowId}/ab`));
    expect(arms[1]).toBe(arms[0]);
  });

  it('waits for a named event whose properties match, ignoring one that does not', async () => {
    harness.world.customers.set('hal', customer('hal'));
    const handle = await harness.start(bigPurchase, 'hal');
    await harness.progressWhen(handle, atNode('await_purchase'));
    await handle.signal(customerEventSignal, customerEvent('evt-small', 'purchased', { amount: 20 }));
    await handle.signal(customerEventSignal, customerEvent('evt-big', 'purchased', { amount: 150 }));
    expect(await handle.result()).toBe('completed');
    const awaited = finishedSteps(harness.world, handle.workflowId).find((step) => step.nodeId === 'await_purchase');
    expect(awaited).toMatchObject({ exit: 'matched', detail: { eventId: 'evt-big' } });
    expect(harness.world.customers.get('hal')).toMatchObject({ lifecycleStage: 'customer', traits: { big_spender: true } });
  });
});

describe('journeyRun controls', () => {
  it('ends the run as converted when the goal event arrives during a wait, sending nothing more', async () => {
    harness.world.customers.set('ivy', customer('ivy'));
    const goal = { event: 'purchased', conditions: allOf({ source: 'event', path: 'amount', op: 'gt', value: 0 }) };
    const handle = await harness.start(welcomeGraph(goal), 'ivy');
    await harness.progressWhen(handle, atNode('wait_2d'));
    await handle.signal(customerEventSignal, customerEvent('evt-refund', 'purchased', { amount: 0 }));
    await handle.signal(customerEventSignal, customerEvent('evt-buy', 'purchased', { amount: 30 }));
    expect(await handle.result()).toBe('converted');

    const steps = finishedSteps(harness.world, handle.workflowId);
    expect(steps.map((step) => step.nodeId)).toEqual(['trigger', 'send_welcome', 'wait_2d']);
    expect(steps[2]?.outcome).toMatch(/^goal `purchased` reached after/);
    expect(steps[2]?.detail).toMatchObject({ goalEventId: 'evt-buy' });
    expect(lastRun(harness.world, handle.workflowId)).toMatchObject({ status: 'converted', waitingUntil: null });
    expect(harness.world.sent.filter((send) => send.workflowId === handle.workflowId)).toHaveLength(1);
  });

  it('ends a wait at once when an admin skips it, and a wait for an event by timed out', async () => {
    harness.world.customers.set('jo', customer('jo'));
    const handle = await harness.start(welcomeGraph(), 'jo');
    await harness.progressWhen(handle, atNode('wait_2d'));
    await handle.signal(skipWaitSignal);
    await harness.progressWhen(handle, atNode('wait_open'));
    await handle.signal(skipWaitSignal);
    expect(await handle.result()).toBe('completed');

    const steps = finishedSteps(harness.world, handle.workflowId);
    const waited = steps.find((step) => step.nodeId === 'wait_2d');
    expect(waited?.outcome).toMatch(/^skipped by admin after .* of 2 days$/);
    expect(Date.parse(waited?.leftAt ?? '') - Date.parse(waited?.enteredAt ?? '')).toBeLessThan(86_400_000);
    expect(steps.find((step) => step.nodeId === 'wait_open')).toMatchObject({ exit: 'timed_out', detail: { skipped: true } });
    expect(steps.map((step) => step.nodeId)).toContain('send_reminder');
  });

  it('records the run as cancelled, closing the step it was in, when the workflow is cancelled', async () => {
    harness.world.customers.set('kim', customer('kim'));
    const handle = await harness.start(welcomeGraph(), 'kim');
    await harness.progressWhen(handle, atNode('wait_2d'));
    await handle.cancel();
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);

    const last = progressCalls(harness.world, handle.workflowId).at(-1);
    expect(last?.run).toMatchObject({ status: 'cancelled', currentNodeId: 'wait_2d', waitingUntil: null });
    expect(last?.run.endedAt).not.toBeNull();
    expect(last?.step).toMatchObject({ nodeId: 'wait_2d', outcome: 'run cancelled here', exit: null });
  });

  it('keeps retrying a send while the mail server is down, then sends it once', async () => {
    harness.world.customers.set('lee', customer('lee'));
    harness.world.sendOutages = 2;
    const attemptsBefore = harness.world.sendAttempts;
    const handle = await harness.start(welcomeGraph(), 'lee');
    expect(await handle.result()).toBe('completed');
    expect(harness.world.sendAttempts - attemptsBefore).toBe(4); // 2 failed + welcome + reminder
    const sent = harness.world.sent.filter((send) => send.workflowId === handle.workflowId);
    expect(sent.map((send) => send.templateId)).toEqual(['tpl_welcome', 'tpl_reminder']);
  });

  it('fails a run whose graph has a dangling exit, recording why', async () => {
    const dangling = graphOf([{ id: 'hello', type: 'send_email', templateId: 'tpl_hello' }], [['trigger', 'next', 'hello']]);
    harness.world.customers.set('max', customer('max'));
    const handle = await harness.start(dangling, 'max');
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(lastRun(harness.world, handle.workflowId)).toMatchObject({
      status: 'failed',
      currentNodeId: 'hello',
      error: 'no node follows `hello` by exit `next`',
    });
  });
});
