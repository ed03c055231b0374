import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failuresOfRun, type Db } from '@lifecycle/db';
import type { JourneyActivities, ProgressRecord } from '@lifecycle/workflows/activities';
import { progressSinks } from '@lifecycle/workflows/progressSinkWriter';
import type { WorkflowInfo } from '@temporalio/workflow';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observeActivities, observeProgressFailures } from './observeActivities';
import { workerMetricsText } from './workerMetrics';
import { openTestDatabase } from '@lifecycle/db/testing';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-observe-'));
  db = openTestDatabase(join(dir, 'lifecycle.db'));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const workflowExecution = { workflowId: 'journey/j/ada/once', runId: 'r1' };
const env = (attempt: number, activityId = '7') => new MockActivityEnvironment({ attempt, activityId, activityType: 'sendEmail', workflowExecution });

/** sendEmail that fails while the mail server refuses, then sends. */
function flakySendEmail(refusals: number): JourneyActivities {
  let calls = 0;
  return {
    sendEmail: async () => {
      calls += 1;
      if (calls <= refusals) throw new Error('SMTP 421 4.3.2 Service not available, closing channel');
      return { status: 'sent', deliveryId: 'd1', messageId: 'm1', to: 'ada@example.com', subject: 'Hi' };
    },
  } as unknown as JourneyActivities;
}

const input = { workflowId: workflowExecution.workflowId, journeyId: 'j', nodeId: 'send', templateId: 't', customerId: 'ada', triggerEvent: { id: 'e', name: 'x', properties: {}, timestamp: '' }, offers: [] };

describe('observeActivities', () => {
  it('records each failed attempt with its error and attempt number, and resolves it when an attempt succeeds', async () => {
    const activities = observeActivities(flakySendEmail(2), db);
    await expect(env(1).run(activities.sendEmail, input)).rejects.toThrow('SMTP 421');
    await expect(env(2).run(activities.sendEmail, input)).rejects.toThrow('SMTP 421');
    expect(await failuresOfRun(db, workflowExecution.workflowId)).toMatchObject([
      { activityType: 'sendEmail', customerId: 'ada', attempt: 2, error: 'SMTP 421 4.3.2 Service not available, closing channel (attempt 2)', resolvedAt: null },
    ]);
    await expect(env(3).run(activities.sendEmail, input)).resolves.toMatchObject({ status: 'sent' });
    expect((await failuresOfRun(db, workflowExecution.workflowId))[0]?.resolvedAt).not.toBeNull();
    const metrics = workerMetricsText();
    expect(metrics).toMatch(/lifecycle_activity_failures_total\{activity="sendEmail"\} [1-9]/);
    expect(metrics).toMatch(/lifecycle_emails_total\{status="sent"\} [1-9]/);
  });

  it('counts a send going on as an activity after failed local attempts as the same send, resolved by its success', async () => {
    const activities = observeActivities(flakySendEmail(4), db);
    // Three local attempts (local activity id 2), then the activity (its own id 1): one failure row, counted on.
    for (const attempt of [1, 2, 3]) await expect(env(attempt, '2').run(activities.sendEmail, input)).rejects.toThrow('SMTP 421');
    await expect(env(1, '1').run(activities.sendEmail, { ...input, afterLocalAttempts: 3 })).rejects.toThrow('SMTP 421');
    expect(await failuresOfRun(db, workflowExecution.workflowId)).toMatchObject([{ activityType: 'sendEmail', attempt: 4, error: expect.stringMatching(/\(attempt 4\)$/), resolvedAt: null }]);
    await expect(env(2, '1').run(activities.sendEmail, { ...input, afterLocalAttempts: 3 })).resolves.toMatchObject({ status: 'sent' });
    expect(await failuresOfRun(db, workflowExecution.workflowId)).toMatchObject([{ resolvedAt: expect.any(String) }]);
  });
});

describe('observeProgressFailures', () => {
  it("shows a run's progress write the worker retries as the run's failure while it fails, resolved once stored", async () => {
    const records = [{ run: { workflowId: workflowExecution.workflowId, customerId: 'ada' } }] as unknown as ProgressRecord[];
    const seenWhileFailing: unknown[] = [];
    let refusals = 2;
    const sinks = progressSinks(async () => {
      if (refusals-- > 0) throw new Error('SQLITE_BUSY: database is locked');
      seenWhileFailing.push(...(await failuresOfRun(db, workflowExecution.workflowId)));
    }, observeProgressFailures(db));
    await sinks.runProgress.write.fn({ workflowId: workflowExecution.workflowId } as WorkflowInfo, records);
    expect(seenWhileFailing).toMatchObject([
      { activityType: 'recordProgressBatch', customerId: 'ada', attempt: 2, error: 'SQLITE_BUSY: database is locked (attempt 2)', resolvedAt: null },
    ]);
    expect((await failuresOfRun(db, workflowExecution.workflowId))[0]?.resolvedAt).not.toBeNull();
    expect(workerMetricsText()).toMatch(/lifecycle_activity_failures_total\{activity="recordProgressBatch"\} [1-9]/);
  });
});
