import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { startBouncingSmtp } from './bouncesSmtp';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

type RunDetail = { steps: { nodeId: string; outcome: string | null; failed?: boolean }[] };
type Lookup = { suppression: { reason: string; source: string } | null };

const GONE = 'gone@bounce.example';

describe('bounces and complaints: a 550 suppresses the address, notices arrive by webhook, admins see and lift them', () => {
  let platform: Platform;
  let smtp: Awaited<ReturnType<typeof startBouncingSmtp>>;
  let browser: Browser;
  let page: Page;
  let journeyId: string;

  beforeAll(async () => {
    smtp = await startBouncingSmtp([GONE]);
    platform = await startPlatform({ timeScale: 1, smtpUrl: smtp.url });
    const template = await platform.client.createTemplate('Bounce hello', 'Hello {{ customer.id }}', '<p>Hi</p>');
    const draft = {
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'bounce_signup', reentry: { policy: 'always' } },
        { id: 'send', type: 'send_email', templateId: template.id },
        { id: 'done', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
        { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
      ],
    };
    journeyId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Bounces', draft })).id;
    await platform.client.call('POST', `/api/journeys/${journeyId}/publish`);
    ({ browser, page } = await launchBrowser());
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await smtp?.close();
  });

  const sendOutcomes = async (customerId: string) => {
    const runs = (await platform.client.runsOf(journeyId)).runs.filter((run) => run.customerId === customerId);
    const details = await Promise.all(runs.map((run) => platform.client.call<RunDetail>('GET', `/api/runs/${encodeURIComponent(run.workflowId)}`)));
    return details.map((detail) => detail.steps.find((step) => step.nodeId === 'send')?.outcome ?? null).filter((outcome): outcome is string => outcome !== null);
  };
  const lookup = (address: string) => platform.client.call<Lookup>('GET', `/api/suppressions/lookup?address=${encodeURIComponent(address)}`);

  it('a 550 from the SMTP server suppresses the address, and the next send is skipped as "address suppressed" on the run', async () => {
    await platform.client.identify('gone', { email: GONE });
    await platform.client.track('gone', 'bounce_signup');
    const first = await waitFor(async () => (await sendOutcomes('gone')).find((outcome) => outcome.startsWith('failed:')), { timeoutMs: 60_000, description: 'the first send failing' });
    expect(first).toMatch(/550/);
    const { suppression } = await lookup(GONE);
    expect(suppression).toMatchObject({ source: 'smtp_hard' });
    expect(suppression?.reason).toContain('550 5.1.1');

    await platform.client.track('gone', 'bounce_signup');
    const second = await waitFor(async () => (await sendOutcomes('gone')).find((outcome) => outcome.startsWith('skipped')), { timeoutMs: 60_000, description: 'the second send skipped' });
    expect(second).toBe('skipped: address suppressed');
    expect(smtp.accepted).toEqual([]);
  }, 300_000);

  it('takes an Amazon SES complaint over HTTP with the write key, and the admin finds, adds and removes suppressions in the browser', async () => {
    const complaint = {
      Type: 'Notification', MessageId: 'sns-e2e-1', TopicArn: 'arn:aws:sns:eu-west-1:1:ses',
      Message: JSON.stringify({ notificationType: 'Complaint', complaint: { feedbackId: 'fb-e2e', complaintFeedbackType: 'abuse', complainedRecipients: [{ emailAddress: 'angry@bounce.example' }] } }),
    };
    const answer = await fetch(`${platform.api.url}/v1/bounces`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=UTF-8', authorization: `Basic ${Buffer.from(`${platform.env.WRITE_KEY}:`).toString('base64')}` },
      body: JSON.stringify(complaint),
    });
    expect(await answer.json()).toMatchObject({ suppressed: ['angry@bounce.example'] });

    const consoleErrors = watchConsoleErrors(page);
    await signIn(page, platform.api.url, E2E_ADMIN);
    await page.goto(`${platform.api.url}/#/admin/suppressions`);
    const table = page.getByRole('table', { name: 'Suppressed addresses' });
    await expect.poll(() => table.getByRole('row').filter({ hasText: GONE }).textContent(), shown).toContain('550 5.1.1');
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'angry@bounce.example' }).textContent(), shown).toContain('Spam complaint');

    await page.getByLabel('Search by address').fill('angry');
    await expect.poll(() => page.getByRole('status').filter({ hasText: /address/ }).textContent(), shown).toBe('1 address');
    expect(await table.textContent()).not.toContain(GONE);
    await page.getByLabel('Search by address').fill('');

    const form = page.getByRole('form', { name: 'Suppress an address' });
    await form.getByLabel('Address').fill('Asked@Bounce.example');
    await form.getByLabel('Reason').fill('asked support by phone');
    await form.getByRole('button', { name: 'Suppress address' }).click();
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'asked@bounce.example' }).textContent(), shown).toContain('asked support by phone');
    await page.screenshot({ path: '/tmp/bounces-admin-list.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Remove ${GONE}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'no longer suppressed' }).count(), shown).toBe(1);
    await expect.poll(() => table.getByRole('row').filter({ hasText: GONE }).count(), shown).toBe(0);
    expect((await lookup(GONE)).suppression).toBeNull();
    await page.getByLabel('Show removed').check();
    await expect.poll(() => table.getByRole('row').filter({ hasText: GONE }).textContent(), shown).toContain(`by ${E2E_ADMIN.email}`);
    expect(consoleErrors.errors).toEqual([]);
  }, 300_000);

  it('shows on the customer profile that the address is suppressed, and why', async () => {
    await platform.client.identify('angry', { email: 'angry@bounce.example' });
    await page.goto(`${platform.api.url}/#/customers/angry`);
    await expect.poll(() => page.getByText(/^Since .* Spam complaint: complaint \(abuse\)/).count(), shown).toBe(1);
    await page.screenshot({ path: '/tmp/bounces-customer.png', fullPage: true });
    await page.goto(`${platform.api.url}/#/customers/gone`);
    await page.getByRole('heading', { name: 'gone' }).waitFor();
    expect(await page.getByText('Address suppressed').count()).toBe(0);
  }, 120_000);
});
