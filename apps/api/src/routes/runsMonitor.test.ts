import { recordActivityFailure, recordRunProgress, type Run } from '@lifecycle/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishedJourney } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

type Seed = Partial<Run> & { workflowId: string };

/** Writes a run row as the worker records it, and tells the recording Temporal it exists. */
async function seed(run: Seed): Promise<void> {
  const row = { journeyId: 'j1', versionId: 'v1', customerId: 'c1', status: 'running' as const, startedAt: '2026-01-01T00:00:00.000Z', currentNodeId: 'trigger', ...run };
  await recordRunProgress(t.db, row);
  t.temporal.started.push({ workflowId: run.workflowId, input: {} as never });
}

const list = (query: string) => t.send('GET', `/api/runs?${query}`);

describe('runs monitor: filters, counts, paging', () => {
  beforeEach(async () => {
    for (let i = 0; i < 12; i += 1) {
      await seed({
        workflowId: `journey/j${i % 2}/c${i}/once`,
        journeyId: `j${i % 2}`,
        versionId: i < 6 ? 'v1' : 'v2',
        customerId: `c${i}`,
        status: (['running', 'waiting', 'completed', 'failed'] as const)[i % 4],
        currentNodeId: i % 3 === 0 ? 'wait' : 'send',
        startedAt: `2026-01-01T00:${String(i).padStart(2, '0')}:00.000Z`,
      });
    }
  });

  it('filters by journey, version, status, current node, customer and time range', async () => {
    const ids = async (query: string) => ((await list(query)).body.runs as Run[]).map((run) => run.customerId);
    expect(await ids('journeyId=j1&status=waiting')).toEqual(['c9', 'c5', 'c1']);
    expect(await ids('versionId=v2&currentNodeId=wait')).toEqual(['c9', 'c6']);
    expect(await ids('customerId=c4')).toEqual(['c4']);
    expect(await ids('startedAfter=2026-01-01T00:03:00Z&startedBefore=2026-01-01T00:05:00Z')).toEqual(['c4', 'c3']);
    expect(await ids('startedAfter=2026-01-01T01:03:00%2B01:00&startedBefore=2026-01-01T00:04:00Z')).toEqual(['c3']);
    expect((await list('status=paused')).status).toBe(400);
  });

  it('pages with a cursor in every order without repeating or skipping a run', async () => {
    for (const sort of ['-startedAt', 'startedAt', '-updatedAt', 'updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { runs: Run[]; nextCursor: string | null } } = await list(`sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.body.runs.map((run) => run.customerId));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(12);
      if (sort === 'startedAt') expect(seen.slice(0, 3)).toEqual(['c0', 'c1', 'c2']);
      if (sort === '-startedAt') expect(seen.slice(0, 3)).toEqual(['c11', 'c10', 'c9']);
    }
    const first = await list('sort=startedAt&limit=5');
    expect((await list(`sort=-startedAt&cursor=${first.body.nextCursor}`)).status).toBe(400);
  });

  it('counts runs per status for the same filter', async () => {
    const all = await t.send('GET', '/api/runs/counts');
    expect(all.body).toEqual({ counts: { running: 3, waiting: 3, completed: 3, failed: 3, cancelled: 0, converted: 0 }, total: 12, withFailures: 3 });
    const j0 = await t.send('GET', '/api/runs/counts?journeyId=j0&versionId=v1');
    expect(j0.body.counts).toMatchObject({ running: 2, completed: 1, waiting: 0, failed: 0 });
  });
});

describe('run detail', () => {
  it('carries failures and a link to the workflow in Temporal UI', async () => {
    await seed({ workflowId: 'journey/j1/ada/once', customerId: 'ada' });
    await recordActivityFailure(t.db, { workflowId: 'journey/j1/ada/once', activityId: '3', activityType: 'sendEmail', customerId: 'ada', attempt: 7, error: 'SMTP 421 try later', lastFailedAt: '2026-01-01T00:10:00.000Z' });
    const detail = await t.send('GET', `/api/runs/${encodeURIComponent('journey/j1/ada/once')}`);
    expect(detail.body.temporalUrl).toBe('http://127.0.0.1:8233/namespaces/default/workflows/journey%2Fj1%2Fada%2Fonce');
    expect(detail.body.failures).toMatchObject([{ attempt: 7, error: 'SMTP 421 try later', resolvedAt: null }]);
    expect(detail.body.offerCodes).toEqual([]);
  });
});

describe('run actions', () => {
  it('cancels a run through Temporal and audits it; an ended run is refused', async () => {
    await seed({ workflowId: 'r1' });
    await seed({ workflowId: 'r2', status: 'completed' });
    const cancelled = await t.send('POST', '/api/runs/actions/cancel', { workflowId: 'r1' });
    expect(cancelled.body).toEqual({ workflowId: 'r1', result: 'cancel_requested' });
    expect(t.temporal.cancelled).toEqual(['r1']);
    expect((await t.send('POST', '/api/runs/actions/cancel', { workflowId: 'r2' })).body.error).toBe('run_ended');
    const audit = await t.send('GET', '/api/audit');
    expect(audit.body.entries.map((entry: { action: string }) => entry.action)).toContain('run.cancel');
  });

  it('marks a run Temporal no longer knows as cancelled', async () => {
    await recordRunProgress(t.db, { workflowId: 'ghost', journeyId: 'j', versionId: 'v', customerId: 'c', status: 'waiting', startedAt: '2026-01-01T00:00:00.000Z' });
    expect((await t.send('POST', '/api/runs/actions/cancel', { workflowId: 'ghost' })).body.result).toBe('marked_cancelled');
    expect((await t.send('GET', '/api/runs/ghost')).body.run.status).toBe('cancelled');
  });

  it('is for admins only', async () => {
    await seed({ workflowId: 'r1' });
    const asMarketer = await t.send('POST', '/api/runs/actions/cancel', { workflowId: 'r1' }, { authorization: `Bearer ${await t.accounts.token('marketer')}` });
    expect(asMarketer.status).toBe(403);
    expect(t.temporal.cancelled).toEqual([]);
  });

  it('sends a waiting run on, and refuses a run that is not waiting', async () => {
    await seed({ workflowId: 'w1', status: 'waiting', currentNodeId: 'wait' });
    await seed({ workflowId: 'r1' });
    expect((await t.send('POST', '/api/runs/actions/skip-wait', { workflowId: 'w1' })).body.result).toBe('signalled');
    expect(t.temporal.skipped).toEqual(['w1']);
    expect((await t.send('POST', '/api/runs/actions/skip-wait', { workflowId: 'r1' })).body.error).toBe('not_waiting');
  });

  it('bulk-cancels a version after a dry run, and refuses when the count changed', async () => {
    for (const id of ['a', 'b', 'c']) await seed({ workflowId: id, versionId: 'v9' });
    await seed({ workflowId: 'done', versionId: 'v9', status: 'completed' });
    await seed({ workflowId: 'other', versionId: 'v1' });
    const dry = await t.send('POST', '/api/runs/actions/bulk-cancel', { versionId: 'v9', dryRun: true });
    expect(dry.body).toEqual({ dryRun: true, count: 3 });
    await seed({ workflowId: 'd', versionId: 'v9' });
    const stale = await t.send('POST', '/api/runs/actions/bulk-cancel', { versionId: 'v9', confirm: 3 });
    expect(stale).toMatchObject({ status: 409, body: { error: 'count_changed', count: 4 } });
    expect(t.temporal.cancelled).toEqual([]);
    const done = await t.send('POST', '/api/runs/actions/bulk-cancel', { versionId: 'v9', confirm: 4 });
    expect(done.body).toMatchObject({ count: 4, requested: 4, failed: 0 });
    expect([...t.temporal.cancelled].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('retries a failed run from the node it failed on, as a new run of the same version', async () => {
    const { journeyId, versionId } = await publishedJourney(t);
    await seed({ workflowId: 'failed-1', journeyId, versionId, customerId: 'ada', status: 'failed', currentNodeId: 'send', error: 'template missing' });
    const retried = await t.send('POST', '/api/runs/actions/retry', { workflowId: 'failed-1' });
    expect(retried.body).toMatchObject({ workflowId: 'failed-1', resumeAt: 'send' });
    const started = t.temporal.started.find((run) => run.workflowId === retried.body.retryWorkflowId);
    expect(started?.input).toMatchObject({ journeyId, versionId, customerId: 'ada', resumeAt: 'send' });
    const row = await t.send('GET', `/api/runs/${encodeURIComponent(retried.body.retryWorkflowId)}`);
    expect(row.body.run).toMatchObject({ status: 'running', customerId: 'ada' });
  });

  it('explains why a step that is still retrying cannot be retried now', async () => {
    await seed({ workflowId: 'r1' });
    await recordActivityFailure(t.db, { workflowId: 'r1', activityId: '1', activityType: 'sendEmail', customerId: 'c1', attempt: 3, error: 'SMTP 421', lastFailedAt: new Date().toISOString() });
    const refused = await t.send('POST', '/api/runs/actions/retry', { workflowId: 'r1' });
    expect(refused).toMatchObject({ status: 409, body: { error: 'retrying' } });
  });
});
