import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyRunId } from './ids';
import { exitSignal, holdSignal, migrateSignal, skipWaitSignal } from './messages';
import { graphOf } from './testing/graphs';
import { startJourneyHarness, type JourneyHarness, type RunHandle } from './testing/journeyHarness';
import { customer } from './testing/memoryActivities';
import { replayOnCurrentCode } from './testing/replay';
import { finishedSteps, lastRun, progressCalls } from './testing/recorded';

/** The run's history replays on the current code without a nondeterminism error: the signals are in it, so replay takes the same path. */
async function replays(handle: RunHandle): Promise<void> {
  await expect(replayOnCurrentCode(await handle.fetchHistory(), handle.workflowId)).resolves.toBeUndefined();
}

let harness: JourneyHarness;
beforeAll(async () => {
  harness = await startJourneyHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const day = { amount: 1, unit: 'days' } as const;
const welcomeThenReminder = graphOf(
  [
    { id: 'welcome', type: 'send_email', templateId: 'tpl_welcome' },
    { id: 'wait_1', type: 'wait', duration: day },
    { id: 'reminder', type: 'send_email', templateId: 'tpl_reminder' },
    { id: 'done', type: 'exit' },
  ],
  [
    ['trigger', 'next', 'welcome'],
    ['welcome', 'next', 'wait_1'],
    ['wait_1', 'next', 'reminder'],
    ['reminder', 'next', 'done'],
  ],
);
const v1 = graphOf([{ id: 'wait_1', type: 'wait', duration: day }, { id: 'done', type: 'exit' }], [['trigger', 'next', 'wait_1'], ['wait_1', 'next', 'done']]);
const v2 = graphOf(
  [
    { id: 'wait_2', type: 'wait', duration: day },
    { id: 'nudge', type: 'send_email', templateId: 'tpl_nudge' },
    { id: 'done', type: 'exit' },
  ],
  [
    ['trigger', 'next', 'wait_2'],
    ['wait_2', 'next', 'nudge'],
    ['nudge', 'next', 'done'],
  ],
);

describe('journey operations inside a run', () => {
  it('a held run stops before its next step until released, and says why', async () => {
    harness.world.customers.set('held', customer('held'));
    const handle = await harness.start(welcomeThenReminder, 'held', { workflowId: journeyRunId('welcome', 'held', 'ops') });
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_1' && p.status === 'waiting');
    await handle.signal(holdSignal, { held: true, reason: 'held: journey paused' });
    await handle.signal(skipWaitSignal);
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'reminder' && p.status === 'waiting');
    // The query answers from the run's state, which is set just before the hold's record is written: wait for it.
    await expect.poll(() => progressCalls(harness.world, handle.workflowId).at(-1)?.step).toMatchObject({ nodeId: 'reminder', outcome: 'held: journey paused', leftAt: null });
    expect(harness.world.sent.filter((sent) => sent.workflowId === handle.workflowId).map((sent) => sent.templateId)).toEqual(['tpl_welcome']);
    await handle.signal(holdSignal, { held: false, reason: 'held: journey paused' });
    expect(await handle.result()).toBe('completed');
    expect(harness.world.sent.filter((sent) => sent.workflowId === handle.workflowId).map((sent) => sent.templateId)).toEqual(['tpl_welcome', 'tpl_reminder']);
    expect(finishedSteps(harness.world, handle.workflowId).map((step) => step.outcome)).toContainEqual(expect.stringMatching(/^held: journey paused; released after /));
    await replays(handle);
  });

  it('a migrated run leaves its wait, records the move as a step and goes on in the new version', async () => {
    harness.world.customers.set('mover', customer('mover'));
    const handle = await harness.start(v1, 'mover', { workflowId: journeyRunId('welcome', 'mover', 'ops') });
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_1' && p.status === 'waiting');
    const migration = { fromVersionId: 'v1', versionId: 'v2', version: 2, graph: v2, nodes: { wait_1: 'wait_2' }, by: 'Ada' };
    await handle.signal(migrateSignal, migration);
    await handle.signal(migrateSignal, migration); // a retried signal moves it once
    expect(await handle.result()).toBe('completed');
    const steps = finishedSteps(harness.world, handle.workflowId);
    expect(steps.map((step) => step.outcome)).toContain('moved from v1 wait_1 to v2 wait_2 by Ada');
    expect(steps.filter((step) => step.nodeId === 'wait_2')).toHaveLength(1);
    expect(harness.world.sent.filter((sent) => sent.workflowId === handle.workflowId).map((sent) => sent.templateId)).toEqual(['tpl_nudge']);
    expect(lastRun(harness.world, handle.workflowId)).toMatchObject({ versionId: 'v2', status: 'completed' });
    await replays(handle);
  });

  it('an exit on publish ends a waiting run as cancelled with the reason', async () => {
    harness.world.customers.set('leaver', customer('leaver'));
    const handle = await harness.start(v1, 'leaver', { workflowId: journeyRunId('welcome', 'leaver', 'ops') });
    await harness.progressWhen(handle, (p) => p.currentNodeId === 'wait_1' && p.status === 'waiting');
    await handle.signal(exitSignal, { reason: 'exited on publish of v2' });
    expect(await handle.result()).toBe('cancelled');
    expect(lastRun(harness.world, handle.workflowId)).toMatchObject({ status: 'cancelled', error: 'exited on publish of v2' });
    expect(finishedSteps(harness.world, handle.workflowId).at(-1)).toMatchObject({ nodeId: 'wait_1', outcome: 'run exited on publish of v2' });
    await replays(handle);
  });
});
