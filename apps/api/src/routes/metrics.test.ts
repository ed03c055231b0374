import { recordActivityFailure, recordRunProgress, releaseSweepLock, takeSweepLock } from '@lifecycle/db';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
  // Nothing listens here: the worker part of the scrape is left out, the rest still answers.
  vi.stubEnv('WORKER_HEALTH_URL', 'http://127.0.0.1:9/health');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await t.close();
});

/** Parses the exposition format into `name{labels}` → value, checking every line is well formed. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.trimEnd().split('\n')) {
    if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+]+|\+Inf|NaN)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    samples.set(match[1] as string, Number(match[2]));
  }
  return samples;
}

describe('GET /metrics', () => {
  it('answers Prometheus text with runs by status, open activity failures and the ingest counter', async () => {
    for (const [id, status] of [['a', 'running'], ['b', 'running'], ['c', 'failed']] as const) {
      await recordRunProgress(t.db, { workflowId: id, journeyId: 'j', versionId: 'v', customerId: 'c', status, startedAt: '2026-01-01T00:00:00.000Z' });
    }
    await recordActivityFailure(t.db, { workflowId: 'a', activityId: '1', activityType: 'sendEmail', customerId: 'c', attempt: 2, error: 'SMTP 421', lastFailedAt: new Date().toISOString() });
    const before = parse((await t.sendAs('GET', '/metrics')).text).get('lifecycle_events_ingested_total') ?? 0;
    await takeSweepLock(t.db, 'dispatch', 'another-api-process', 60_000); // another process dispatches (then dies, below)
    await t.ingest('/v1/track', { userId: 'ada', event: 'signed_up', messageId: 'm-1' });

    const response = await t.sendAs('GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const samples = parse(response.text);
    expect(samples.get('lifecycle_runs{status="running"}')).toBe(2);
    expect(samples.get('lifecycle_runs{status="failed"}')).toBe(1);
    expect(samples.get('lifecycle_activity_failures_open')).toBe(1);
    expect(samples.get('lifecycle_events_ingested_total')).toBe(before + 1);
    expect(response.text).toContain('# TYPE lifecycle_runs gauge');
    // Stored, not dispatched: the dispatching process is elsewhere (and gone). The backlog shows it, with its age.
    expect(samples.get('lifecycle_events_undispatched')).toBe(1);
    expect(samples.get('lifecycle_events_undispatched_oldest_seconds')).toBeGreaterThanOrEqual(0);
    await releaseSweepLock(t.db, 'dispatch', 'another-api-process');
    // This process takes the lease at its next try (a standby tries once a second) and dispatches the backlog.
    await expect.poll(async () => {
      await t.dispatcher.dispatchPending();
      return parse((await t.sendAs('GET', '/metrics')).text).get('lifecycle_events_undispatched');
    }, { timeout: 10_000, interval: 200 }).toBe(0);
    const after = parse((await t.sendAs('GET', '/metrics')).text);
    expect(after.get('lifecycle_events_undispatched_oldest_seconds')).toBe(0);
  });

  it('wants the bearer token when METRICS_TOKEN is set', async () => {
    vi.stubEnv('METRICS_TOKEN', 'scrape-token-123');
    expect((await t.sendAs('GET', '/metrics')).status).toBe(401);
    expect((await t.sendAs('GET', '/metrics', undefined, { authorization: 'Bearer wrong-token-1' })).status).toBe(401);
    expect((await t.sendAs('GET', '/metrics', undefined, { authorization: 'Bearer scrape-token-123' })).status).toBe(200);
  });
});

describe('GET /api/dashboard', () => {
  it('shows runs per hour, failing activities with their error, failed runs, and an unreachable worker', async () => {
    const now = new Date();
    await recordRunProgress(t.db, { workflowId: 'f', journeyId: 'j', versionId: 'v', customerId: 'c', status: 'failed', error: 'template gone', startedAt: now.toISOString(), endedAt: now.toISOString() });
    await recordRunProgress(t.db, { workflowId: 'r', journeyId: 'j', versionId: 'v', customerId: 'ada', status: 'running', currentNodeId: 'send', startedAt: now.toISOString() });
    const longAgo = new Date(now.getTime() - 10 * 60_000).toISOString();
    await recordActivityFailure(t.db, { workflowId: 'r', activityId: '1', activityType: 'sendEmail', customerId: 'ada', attempt: 1, error: 'SMTP 421', lastFailedAt: longAgo });
    await recordActivityFailure(t.db, { workflowId: 'r', activityId: '1', activityType: 'sendEmail', customerId: 'ada', attempt: 7, error: 'SMTP 421 try later', lastFailedAt: now.toISOString() });

    const { body } = await t.send('GET', '/api/dashboard');
    expect(body.hours).toHaveLength(24);
    expect(body.runs.started.at(-1)).toBe(2);
    expect(body.runs.failed.at(-1)).toBe(1);
    expect(body.retrying).toMatchObject([{ workflowId: 'r', attempt: 7, error: 'SMTP 421 try later', stuck: true, firstFailedAt: longAgo }]);
    expect(body.failedRuns).toMatchObject([{ workflowId: 'f', error: 'template gone' }]);
    expect(body.health).toMatchObject({ worker: { status: 'unreachable' }, temporal: 'connected' });
    expect(body.backlog).toMatchObject({ source: 'estimate', staleRunning: 0 });
    expect(body.dispatch).toEqual({ waiting: 0, oldestReceivedAt: null });

    // An event stored while another process holds the dispatch lease (and is gone): it waits, and the dashboard says so.
    await takeSweepLock(t.db, 'dispatch', 'another-api-process', 60_000);
    await t.ingest('/v1/track', { userId: 'ada', event: 'clicked', messageId: 'm-waiting' });
    const waiting = (await t.send('GET', '/api/dashboard')).body.dispatch;
    expect(waiting.waiting).toBe(1);
    expect(Date.parse(waiting.oldestReceivedAt)).toBeLessThanOrEqual(Date.now());
  });
});
