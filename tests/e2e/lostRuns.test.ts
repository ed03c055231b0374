import { Client, Connection } from '@temporalio/client';
import { insertRunIfAbsent } from '@lifecycle/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from './platform';

/** trial_started → wait two days → exit: a run that sits waiting. */
const draft = {
  nodes: [
    { id: 'trigger', type: 'trigger', event: 'trial_started', reentry: { policy: 'once' } },
    { id: 'wait_2d', type: 'wait', duration: { amount: 2, unit: 'days' } },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'wait_2d' },
    { id: 'e2', source: 'wait_2d', sourceExit: 'next', target: 'done' },
  ],
};

type RunView = { run: { status: string; error: string | null } };

describe('runs Temporal terminated or lost', () => {
  let platform: Platform;

  beforeAll(async () => {
    // The audit asks about every run that has not moved, twice a second (in production: runs still for 10 minutes, every minute).
    platform = await startPlatform({ timeScale: 1, apiEnv: { RUN_AUDIT_INTERVAL_MS: '500', RUN_AUDIT_STALE_MS: '0' } });
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('are noticed and shown failed with what happened, while runs Temporal still has keep waiting', async () => {
    const { client } = platform;
    const journey = await client.call<{ id: string }>('POST', '/api/journeys', { name: 'Trial wait', draft });
    await client.call('POST', `/api/journeys/${journey.id}/publish`);
    await client.track('ada', 'trial_started');
    await client.track('bob', 'trial_started');
    await expect
      .poll(async () => (await client.runsOf(journey.id)).runs.map((run) => `${run.customerId}:${run.status}`).sort(), { timeout: 120_000, interval: 250 })
      .toEqual(['ada:waiting', 'bob:waiting']);
    const ada = (await client.runsOf(journey.id)).runs.find((run) => run.customerId === 'ada')!;

    // An operator terminates ada's run in Temporal (its UI or CLI): the run never records an end of its own.
    const connection = await Connection.connect({ address: platform.temporal.address });
    try {
      await new Client({ connection }).workflow.getHandle(ada.workflowId).terminate('cleaning up by hand');
    } finally {
      await connection.close();
    }
    // A run the database knows and Temporal never had (a reset cluster, a lost history).
    const at = new Date().toISOString();
    await platform.withDatabase((db) =>
      insertRunIfAbsent(db, { workflowId: `journey/${journey.id}/ghost/once`, journeyId: journey.id, versionId: 'gone', customerId: 'ghost', status: 'waiting', startedAt: at, updatedAt: at }),
    );

    const statusOf = async (workflowId: string) => (await client.call<RunView>('GET', `/api/runs/${encodeURIComponent(workflowId)}`)).run;
    await expect.poll(() => statusOf(ada.workflowId), { timeout: 60_000, interval: 250 }).toMatchObject({ status: 'failed', error: expect.stringMatching(/^terminated in Temporal at .* no later step ran/) });
    await expect.poll(() => statusOf(`journey/${journey.id}/ghost/once`), { timeout: 60_000, interval: 250 }).toMatchObject({ status: 'failed', error: expect.stringMatching(/^lost: Temporal no longer knows this run/) });
    const bob = (await client.runsOf(journey.id)).runs.find((run) => run.customerId === 'bob')!;
    expect(await statusOf(bob.workflowId)).toMatchObject({ status: 'waiting', error: null });
    // The journey's counts follow: one waiting, two failed.
    expect(await client.call('GET', `/api/runs/counts?journeyId=${journey.id}`)).toMatchObject({ counts: { waiting: 1, failed: 2 } });
  });
});
