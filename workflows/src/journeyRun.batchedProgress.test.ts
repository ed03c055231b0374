import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunHandle } from './testing/journeyHarness';
import { graphOf } from './testing/graphs';
import { startJourneyHarness, type JourneyHarness } from './testing/journeyHarness';
import { customer } from './testing/memoryActivities';
import { finishedSteps, progressCalls } from './testing/recorded';

let harness: JourneyHarness;
beforeAll(async () => {
  harness = await startJourneyHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const sendThenExit = graphOf(
  [
    { id: 'send', type: 'send_email', templateId: 'tpl_hello' },
    { id: 'exit', type: 'exit' },
  ],
  [
    ['trigger', 'next', 'send'],
    ['send', 'next', 'exit'],
  ],
);

/** What the run cost Temporal: workflow tasks, activity tasks, local activities and the patches it asked (markers). */
async function costOf(handle: RunHandle) {
  const events = (await handle.fetchHistory()).events ?? [];
  return {
    workflowTasks: events.filter((event) => event.workflowTaskCompletedEventAttributes).length,
    activities: events.flatMap((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? []),
    localActivities: events.filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity').length,
    patches: events.filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_patch').length,
  };
}

describe('journeyRun writes progress once per step boundary, with the send or through the worker, and sends as a local activity first', () => {
  it('runs trigger → send → exit in one workflow task with one local activity (the send), recording every step as before', async () => {
    harness.world.customers.set('ida', customer('ida'));
    const [batchesBefore, carriedBefore] = [harness.world.progressBatches, harness.world.progressCarried];
    const handle = await harness.start(sendThenExit, 'ida', { workflowId: 'journey/batched/ida/once' });
    expect(await handle.result()).toBe('completed');

    // Before batching: two workflow tasks, the send as an activity, and four progress writes (one per entry and exit).
    // Before the send carried progress: three local activities (a progress write, the send, a progress write). Before
    // the last records went through the worker's sink: two, the second taking an activation of its own. Before the
    // patch baseline: three patch markers (batched progress, the send's, the sink's), each with a search-attribute update.
    expect(await costOf(handle)).toEqual({ workflowTasks: 1, activities: [], localActivities: 1, patches: 1 });
    expect(harness.world.progressBatches - batchesBefore).toBe(1);
    expect(harness.world.progressCarried - carriedBefore).toBe(1);
    // The runs monitor reads the same records, in the same order, as when each was written alone.
    const calls = progressCalls(harness.world, handle.workflowId);
    expect(calls.map((call) => [call.step?.seq, call.step?.nodeId, call.step?.leftAt ? 'left' : 'entered', call.run.status])).toEqual([
      [1, 'trigger', 'left', 'running'],
      [2, 'send', 'entered', 'running'],
      [2, 'send', 'left', 'running'],
      [3, 'exit', 'left', 'completed'],
    ]);
    expect(finishedSteps(harness.world, handle.workflowId)[1]?.outcome).toBe('sent “template tpl_hello” to ida@example.test');
    expect(harness.world.sent.filter((send) => send.workflowId === handle.workflowId)).toHaveLength(1);
  });

  it('goes on as an activity when the local attempts fail (a mail server down), and sends once when it recovers', async () => {
    harness.world.customers.set('jon', customer('jon'));
    harness.world.sendOutages = 4; // the three local attempts and the activity's first
    const attemptsBefore = harness.world.sendAttempts;
    const handle = await harness.start(sendThenExit, 'jon', { workflowId: 'journey/batched/jon/once' });
    expect(await handle.result()).toBe('completed');

    expect(harness.world.sendAttempts - attemptsBefore).toBe(5);
    expect((await costOf(handle)).activities).toEqual(['sendEmail']);
    const sent = harness.world.sent.filter((send) => send.workflowId === handle.workflowId);
    expect(sent.map((send) => send.afterLocalAttempts)).toEqual([3]);
    expect(finishedSteps(harness.world, handle.workflowId).map((step) => [step.nodeId, step.outcome])).toEqual([
      ['trigger', 'entered on `signed_up` (journey version 1)'],
      ['send', 'sent “template tpl_hello” to jon@example.test'],
      ['exit', 'exited'],
    ]);
  });
});
