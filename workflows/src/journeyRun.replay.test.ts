import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EVERY_NODE_WORKFLOW_ID, recordEveryNode } from './testing/recordEveryNode';
import { replayOnCurrentCode as replay } from './testing/replay';

/**
 * Histories recorded by earlier versions of journeyRun: runs in flight when the worker is upgraded must replay
 * on the new code without a nondeterminism error.
 */
describe('journeyRun replays histories recorded before', () => {
  it('the patch that counts earlier opens: a run whose open came during the 2-day wait, recorded by the old code', async () => {
    // Recorded with main before the patch: the open arrived during wait_2d, and the old code sent the reminder.
    const history: unknown = JSON.parse(await readFile(new URL('./testing/histories/welcomeOpenDuringWait.main.json', import.meta.url), 'utf8'));
    await expect(replay(history, 'journey/welcome/cy/once')).resolves.toBeUndefined();
  });

  // Recorded with main before batched progress: one recordProgress local activity per entry and exit, the send an
  // activity. In flight at the upgrade, such runs must go on that way (the patch is not in their history).
  it('batched progress: a trigger → send → exit run recorded with per-field progress and the send as an activity', async () => {
    const history: unknown = JSON.parse(await readFile(new URL('./testing/histories/sendExit.perFieldProgress.json', import.meta.url), 'utf8'));
    await expect(replay(history, 'journey/send/eve/once')).resolves.toBeUndefined();
  });

  it('batched progress: the welcome journey (two sends, waits, a timed-out wait for the open) recorded before batching', async () => {
    const history: unknown = JSON.parse(await readFile(new URL('./testing/histories/welcomeReminder.perFieldProgress.json', import.meta.url), 'utf8'));
    await expect(replay(history, 'journey/welcome/bob/once')).resolves.toBeUndefined();
  });

  // Recorded with main before the send carried progress (2026-11-30): a recordProgressBatch before every send.
  it.each([
    ['trigger → send → exit', 'sendExit.batchedProgress.json', 'journey/send/eve/once'],
    ['the welcome journey (two sends, waits, a timed-out wait for the open)', 'welcomeReminder.batchedProgress.json', 'journey/welcome/bob/once'],
  ])('send carries progress: %s recorded with a progress write of its own before each send', async (_name, file, workflowId) => {
    const history: unknown = JSON.parse(await readFile(new URL(`./testing/histories/${file}`, import.meta.url), 'utf8'));
    await expect(replay(history, workflowId)).resolves.toBeUndefined();
  });
});

/**
 * Every node type in one run (update, condition and random splits, offer, send, waits for an open and an event, a
 * wait until a weekday, webhook, notify, a timed wait, a goal), recorded before runs could continue as new and
 * after (and since with `testing/recordEveryNode.ts`); and a run that continued as new, both its histories. Record a new one whenever the interpreter changes
 * what a run does, and keep the old ones: every history here must keep replaying (README "Changing the interpreter").
 */
describe('journeyRun replays every node type and runs that continued as new', () => {
  it.each([
    ['every node type, recorded before continue-as-new', 'everyNode.beforeContinueAsNew.json', 'journey/every-node/nia/once'],
    ['every node type, recorded with the continue-as-new patch', 'everyNode.withContinuePatch.json', 'journey/every-node/nia/once'],
    // Recorded by testing/recordEveryNode.ts (2026-12-02): every progress write through the worker's sink, none a local activity.
    ['every node type, recorded with progress through the worker\'s sink', 'everyNode.progressSink.json', 'journey/every-node/nia/once'],
    ['every node type, recorded with the patch baseline (one patch marker for the run)', 'everyNode.patchBaseline.json', 'journey/every-node/nia/once'],
    ['a wait for an event: the history that continued as new', 'waitForEvent.continued.first.json', 'journey/long/cara/once'],
    ['a wait for an event: the history it continued in, which took the event', 'waitForEvent.continued.second.json', 'journey/long/cara/once'],
    ['a send, then a wait that continued: the first history (patch answers asked)', 'waitForEvent.continuedWithPatches.first.json', 'journey/long/cora/once'],
    ['a send, then a wait that continued: the next history, answering from the carried patch answers', 'waitForEvent.continuedWithPatches.second.json', 'journey/long/cora/once'],
  ])('%s', async (_name, file, workflowId) => {
    const history: unknown = JSON.parse(await readFile(new URL(`./testing/histories/${file}`, import.meta.url), 'utf8'));
    await expect(replay(history, workflowId)).resolves.toBeUndefined();
  });
});

describe('the recorder of the history to add when the interpreter changes (testing/recordEveryNode.ts)', () => {
  it('records a run through every node type that replays on the current code', async () => {
    const recorded: unknown = JSON.parse(await recordEveryNode());
    const types = (recorded as { events: { eventType: string }[] }).events.map((event) => event.eventType);
    for (const type of ['EVENT_TYPE_ACTIVITY_TASK_SCHEDULED', 'EVENT_TYPE_TIMER_FIRED', 'EVENT_TYPE_TIMER_CANCELED', 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED']) expect(types).toContain(type);
    await expect(replay(recorded, EVERY_NODE_WORKFLOW_ID)).resolves.toBeUndefined();
  });
});
