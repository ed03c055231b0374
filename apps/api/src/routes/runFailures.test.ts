import { recordRunProgress, upsertCustomer } from '@lifecycle/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

/**
 * Records a run the way the worker does when its welcome send failed for good (the template was deleted): the
 * send step is marked failed, and the run goes on to `completed` with one failed step.
 */
async function runWithFailedSend(workflowId: string, customerId: string, at: string): Promise<void> {
  const run = { workflowId, journeyId: 'j', versionId: 'v', customerId, startedAt: at, triggerEventId: 'e1' };
  const send = { seq: 2, nodeId: 'send_welcome', nodeType: 'send_email', enteredAt: at, leftAt: at, exit: 'next' };
  await recordRunProgress(t.db, { ...run, status: 'running', currentNodeId: 'send_welcome', failedSteps: 1 }, {
    ...send,
    outcome: 'failed: template_missing',
    detail: { deliveryId: 'd1', reason: 'template_missing' },
    failed: true,
  });
  await recordRunProgress(t.db, { ...run, status: 'completed', currentNodeId: 'exit', endedAt: at, failedSteps: 1 });
}

async function runThatWentWell(workflowId: string, at: string): Promise<void> {
  await recordRunProgress(t.db, { workflowId, journeyId: 'j', versionId: 'v', customerId: 'fine', status: 'completed', startedAt: at, endedAt: at, failedSteps: 0 });
}

describe('a run whose send failed (template missing)', () => {
  it('is counted by the dashboard as failed, and listed with its failed step', async () => {
    const now = new Date().toISOString();
    await runWithFailedSend('journey/j/ada/once', 'ada', now);
    await runThatWentWell('journey/j/fine/once', now);
    const { body } = await t.send('GET', '/api/dashboard');
    expect(body.failedRunCount).toBe(1);
    expect(body.runs.failed.at(-1)).toBe(1);
    expect(body.runs.completed.at(-1)).toBe(1); // the run that went well only
    expect(body.failedRuns).toMatchObject([{ workflowId: 'journey/j/ada/once', status: 'completed', failedSteps: 1 }]);
  });

  it('is found by the runs monitor as a run with failures, and its page marks the failed step', async () => {
    const now = new Date().toISOString();
    await upsertCustomer(t.db, 'ada', { email: 'ada@example.com' });
    await runWithFailedSend('journey/j/ada/once', 'ada', now);
    await runThatWentWell('journey/j/fine/once', now);
    const listed = await t.send('GET', '/api/runs?withFailures=true');
    expect(listed.body.runs).toMatchObject([{ workflowId: 'journey/j/ada/once', status: 'completed', failedSteps: 1 }]);
    expect((await t.send('GET', '/api/runs')).body.runs).toHaveLength(2);
    const counts = await t.send('GET', '/api/runs/counts');
    expect(counts.body).toMatchObject({ total: 2, withFailures: 1, counts: { completed: 2 } });
    const detail = await t.send('GET', `/api/runs/${encodeURIComponent('journey/j/ada/once')}`);
    expect(detail.body.run).toMatchObject({ status: 'completed', failedSteps: 1 });
    expect(detail.body.steps).toMatchObject([{ nodeId: 'send_welcome', failed: true, outcome: 'failed: template_missing' }]);
    expect((await t.send('GET', '/api/customers/ada')).body.runs).toMatchObject([{ workflowId: 'journey/j/ada/once', failedSteps: 1 }]);
  });

  it('refuses a filter that is not true or false, naming it', async () => {
    const answer = await t.send('GET', '/api/runs?withFailures=yes');
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('withFailures');
  });
});
