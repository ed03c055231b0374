import { readFile } from 'node:fs/promises';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { journeyWorkflowBundle } from '../../tests/support/workflowBundle';

/**
 * Histories recorded by earlier versions of journeyRun: runs in flight when the worker is upgraded must replay
 * on the new code without a nondeterminism error.
 */
describe('journeyRun replays histories recorded before', () => {
  it('the patch that counts earlier opens: a run whose open came during the 2-day wait, recorded by the old code', async () => {
    // Recorded with main before the patch: the open arrived during wait_2d, and the old code sent the reminder.
    const history: unknown = JSON.parse(await readFile(new URL('./testing/histories/welcomeOpenDuringWait.main.json', import.meta.url), 'utf8'));
    await expect(Worker.runReplayHistory({ workflowBundle: await journeyWorkflowBundle() }, history, 'journey/welcome/cy/once')).resolves.toBeUndefined();
  });
});
