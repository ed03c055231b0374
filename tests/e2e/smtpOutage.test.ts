import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { startPlatform, type Platform } from './platform';
import { startRefusingSmtp } from './refusingSmtp';

type Retrying = { workflowId: string; customerId: string; activityType: string; attempt: number; error: string };
type DashboardBody = { retrying: Retrying[]; health: { worker: { status: string } }; backlog: { source: string } };
type RunBody = { run: { status: string }; deliveries: { status: string; to: string }[]; failures: { error: string; resolvedAt: string | null }[] };

const customers = ['out-1', 'out-2', 'out-3'];

describe('an SMTP outage: runs show as retrying with the error, then complete once mail is accepted, each email sent once', () => {
  let platform: Platform;
  let smtp: Awaited<ReturnType<typeof startRefusingSmtp>>;
  let journeyId: string;

  beforeAll(async () => {
    smtp = await startRefusingSmtp();
    platform = await startPlatform({ timeScale: 1, smtpUrl: smtp.url });
    const template = await platform.client.createTemplate('Outage hello', 'Hello through the outage', '<p>Hi</p>');
    const draft = {
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'outage_signup', reentry: { policy: 'once' } },
        { id: 'send', type: 'send_email', templateId: template.id },
        { id: 'done', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
        { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
      ],
    };
    journeyId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Outage', draft })).id;
    await platform.client.call('POST', `/api/journeys/${journeyId}/publish`);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await smtp?.close();
  });

  it('shows each run retrying sendEmail with the SMTP error on the dashboard, then completes them with one email each', async () => {
    for (const id of customers) await platform.client.identify(id, { email: `${id}@example.com` });
    for (const id of customers) await platform.client.track(id, 'outage_signup');

    // The dashboard lists every run as retrying, with the server's answer and the attempt number.
    const retrying = await waitFor(
      async () => {
        const body = await platform.client.call<DashboardBody>('GET', '/api/dashboard');
        const mine = body.retrying.filter((entry) => customers.includes(entry.customerId) && entry.attempt >= 2);
        return mine.length === customers.length ? { body, mine } : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'every run retrying sendEmail on the dashboard' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${platform.logs()}`);
    });
    for (const entry of retrying.mine) {
      expect(entry.activityType).toBe('sendEmail');
      expect(entry.error).toMatch(/451/);
      expect(entry.error).toMatch(/attempt \d+/);
    }
    expect(retrying.body.health.worker.status).toBe('ok');
    const { runs } = await platform.client.runsOf(journeyId);
    expect(runs.map((run) => run.status)).toEqual(['running', 'running', 'running']);
    const detail = await platform.client.call<RunBody>('GET', `/api/runs/${encodeURIComponent(runs[0]?.workflowId ?? '')}`);
    expect(detail.failures[0]).toMatchObject({ resolvedAt: null });
    expect(detail.failures[0]?.error).toMatch(/451/);
    const metrics = await (await fetch(`${platform.api.url}/metrics`)).text();
    expect(metrics).toMatch(/lifecycle_activity_failures_total\{activity="sendEmail"\} [1-9]/);
    expect(metrics).toMatch(/lifecycle_activity_failures_open [1-9]/);
    expect(smtp.received).toEqual([]);

    // The server recovers: every run completes on its next attempt (backoff is at most 60 s).
    smtp.recover();
    await waitFor(async () => (await platform.client.runsOf(journeyId)).runs.every((run) => run.status === 'completed'), {
      timeoutMs: 90_000,
      intervalMs: 500,
      description: 'every run completed after the outage',
    });

    // Each customer got exactly one message; the dashboard no longer lists them as retrying.
    const recipients = smtp.received.map((mail) => mail.to).sort();
    expect(recipients).toEqual(customers.map((id) => `${id}@example.com`));
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(customers.length);
    const after = await platform.client.call<DashboardBody>('GET', '/api/dashboard');
    expect(after.retrying.filter((entry) => customers.includes(entry.customerId))).toEqual([]);
    const done = await platform.client.call<RunBody>('GET', `/api/runs/${encodeURIComponent(runs[0]?.workflowId ?? '')}`);
    expect(done.deliveries.map((delivery) => delivery.status)).toEqual(['sent']);
    expect(done.failures[0]?.resolvedAt).not.toBeNull();
  }, 240_000);
});
