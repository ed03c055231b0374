import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerEventSignal } from './messages';
import { welcomeGraph } from './testing/graphs';
import { customerEvent, startJourneyHarness, type JourneyHarness } from './testing/journeyHarness';
import { customer } from './testing/memoryActivities';
import { finishedSteps, lastRun, progressCalls } from './testing/recorded';

const welcome = welcomeGraph();
const day = 86_400_000;

let harness: JourneyHarness;
beforeAll(async () => {
  harness = await startJourneyHarness();
});
afterAll(async () => {
  await harness?.stop();
});

function opened(id: string, workflowId: string, nodeId: string) {
  return customerEvent(id, 'email_opened', { workflowId, nodeId, deliveryId: `${workflowId}/${nodeId}` });
}

describe('journeyRun on the welcome journey', () => {
  it('gives a customer who opens the welcome email after the 2-day wait an offer and sends them its code', async () => {
    harness.world.customers.set('ada', customer('ada'));
    const handle = await harness.start(welcome, 'ada');
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_2d' && p.status === 'waiting');
    await harness.env.sleep(2 * day);
    const waiting = await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_open' && p.status === 'waiting');
    expect(waiting.stepsTaken).toBe(3); // trigger, welcome email, 2-day wait
    expect(waiting.waitingUntil).not.toBeNull();

    await handle.signal(customerEventSignal, opened('evt-open-ada', handle.workflowId, 'send_welcome'));
    expect(await handle.result()).toBe('completed');

    const steps = finishedSteps(harness.world, handle.workflowId);
    expect(steps.map((step) => [step.nodeId, step.exit])).toEqual([
      ['trigger', 'next'],
      ['send_welcome', 'next'],
      ['wait_2d', 'next'],
      ['wait_open', 'matched'],
      ['grant_offer', 'next'],
      ['send_code', 'next'],
      ['exit_converted', null],
    ]);
    expect(steps[3]?.detail).toMatchObject({ eventId: 'evt-open-ada' });
    expect(steps[4]?.outcome).toMatch(/^granted Welcome 10%: code CODE-\d+$/);
    const sentToAda = harness.world.sent.filter((send) => send.workflowId === handle.workflowId);
    expect(sentToAda.map((send) => send.templateId)).toEqual(['tpl_welcome', 'tpl_code']);
    expect(sentToAda[1]?.offers.map((offer) => offer.code)).toEqual([steps[4]?.detail?.code]);
    expect(lastRun(harness.world, handle.workflowId)).toMatchObject({ status: 'completed', currentNodeId: 'exit_converted', triggerEventId: 'evt-signup-ada' });
  });

  it('sends the reminder when the welcome email is not opened within 3 days, recording every step in order', async () => {
    harness.world.customers.set('bob', customer('bob'));
    const handle = await harness.start(welcome, 'bob');
    expect(await handle.result()).toBe('completed');

    const calls = progressCalls(harness.world, handle.workflowId);
    expect(calls.map((call) => [call.step?.seq, call.step?.nodeId, call.step?.leftAt ? 'left' : 'entered', call.run.status])).toEqual([
      [1, 'trigger', 'left', 'running'],
      [2, 'send_welcome', 'entered', 'running'],
      [2, 'send_welcome', 'left', 'running'],
      [3, 'wait_2d', 'entered', 'waiting'],
      [3, 'wait_2d', 'left', 'running'],
      [4, 'wait_open', 'entered', 'waiting'],
      [4, 'wait_open', 'left', 'running'],
      [5, 'send_reminder', 'entered', 'running'],
      [5, 'send_reminder', 'left', 'running'],
      [6, 'exit_reminded', 'left', 'completed'],
    ]);
    const waitLeft = calls[4]?.step;
    expect(Date.parse(waitLeft?.leftAt ?? '') - Date.parse(waitLeft?.enteredAt ?? '')).toBeGreaterThanOrEqual(2 * day);
    expect(calls[3]?.run.waitingUntil).toBe(new Date(Date.parse(calls[3]?.step?.enteredAt ?? '') + 2 * day).toISOString());
    expect(calls[6]?.step?.outcome).toBe('timed out after 3 days');
    expect(calls[2]?.step?.outcome).toBe('sent “template tpl_welcome” to bob@example.test');
    expect(calls[0]?.run).toMatchObject({ triggerEventId: 'evt-signup-bob', journeyId: 'welcome', versionId: 'v1' });
    expect(calls.at(-1)?.run.endedAt).not.toBeNull();
    expect(harness.world.sent.filter((send) => send.workflowId === handle.workflowId).map((send) => send.templateId)).toEqual([
      'tpl_welcome',
      'tpl_reminder',
    ]);
  });

  it('counts an open of the welcome email that came during the 2-day wait: matched, and no "Did you see this?"', async () => {
    harness.world.customers.set('cy', customer('cy'));
    const handle = await harness.start(welcome, 'cy');
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_2d' && p.status === 'waiting');
    await handle.signal(customerEventSignal, opened('evt-early-open', handle.workflowId, 'send_welcome'));
    expect(await handle.result()).toBe('completed');

    const steps = finishedSteps(harness.world, handle.workflowId);
    expect(steps.map((step) => [step.nodeId, step.exit])).toEqual([
      ['trigger', 'next'],
      ['send_welcome', 'next'],
      ['wait_2d', 'next'],
      ['wait_open', 'matched'],
      ['grant_offer', 'next'],
      ['send_code', 'next'],
      ['exit_converted', null],
    ]);
    const waitOpen = steps[3];
    expect(waitOpen?.outcome).toBe('email opened of `send_welcome` 2 days before this step');
    expect(waitOpen?.detail).toMatchObject({ eventId: 'evt-early-open' });
    expect(Number(waitOpen?.detail?.beforeStepMs)).toBeGreaterThanOrEqual(2 * day - 60_000);
    expect(Date.parse(waitOpen?.leftAt ?? '') - Date.parse(waitOpen?.enteredAt ?? '')).toBeLessThan(60_000); // no 3-day wait
    const sent = harness.world.sent.filter((send) => send.workflowId === handle.workflowId).map((send) => send.templateId);
    expect(sent).toEqual(['tpl_welcome', 'tpl_code']);
  });

  it('counts a click that came before the wait for a click', async () => {
    const clickGraph = welcomeGraph();
    const waitOpen = clickGraph.nodes.find((node) => node.id === 'wait_open');
    if (waitOpen?.type !== 'wait_for_event') throw new Error('the welcome journey has no wait_open');
    waitOpen.awaited = { kind: 'email_clicked', sendNodeId: 'send_welcome' };
    harness.world.customers.set('cat', customer('cat'));
    const handle = await harness.start(clickGraph, 'cat');
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_2d' && p.status === 'waiting');
    await handle.signal(customerEventSignal, opened('evt-early-open-cat', handle.workflowId, 'send_welcome')); // an open is no click
    await handle.signal(
      customerEventSignal,
      customerEvent('evt-early-click-cat', 'email_clicked', { workflowId: handle.workflowId, nodeId: 'send_welcome', url: 'https://example.test/' }),
    );
    expect(await handle.result()).toBe('completed');
    const step = finishedSteps(harness.world, handle.workflowId).find((candidate) => candidate.nodeId === 'wait_open');
    expect(step).toMatchObject({ exit: 'matched', detail: { eventId: 'evt-early-click-cat' } });
  });

  it("ignores opens of another run's email and of another node's email", async () => {
    harness.world.customers.set('dee', customer('dee'));
    const handle = await harness.start(welcome, 'dee');
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_2d' && p.status === 'waiting');
    await harness.env.sleep(2 * day);
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_open' && p.status === 'waiting');
    await handle.signal(customerEventSignal, opened('evt-other-run', 'journey/welcome/someone-else/once', 'send_welcome'));
    await handle.signal(customerEventSignal, opened('evt-other-node', handle.workflowId, 'send_reminder'));
    expect(await handle.result()).toBe('completed');
    const waitOpen = finishedSteps(harness.world, handle.workflowId).find((step) => step.nodeId === 'wait_open');
    expect(waitOpen?.exit).toBe('timed_out');
  });

  it('skips a send to an unsubscribed customer, says why, and carries on', async () => {
    harness.world.customers.set('eve', customer('eve', {}, { subscription: 'unsubscribed' }));
    const handle = await harness.start(welcome, 'eve');
    expect(await handle.result()).toBe('completed');
    const sends = finishedSteps(harness.world, handle.workflowId).filter((step) => step.nodeType === 'send_email');
    expect(sends.map((step) => step.outcome)).toEqual(['skipped: customer unsubscribed', 'skipped: customer unsubscribed']);
  });
});
