import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const DAY = 86_400_000;

describe('health scores in a real browser, and the low-usage play on Temporal', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const basic = `Basic ${Buffer.from(`${platform.env.WRITE_KEY}:`).toString('base64')}`;
    const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    const login = (userId: string, days: number) => ({ type: 'track', userId, event: 'login', timestamp: ago(days) });
    // Stored before any rule exists: saving the definition must rescore them (the sweep does it in batches).
    await platform.client.call('POST', '/v1/batch', {
      batch: [
        { type: 'identify', userId: 'hx-ada', traits: { email: 'hx-ada@example.com', plan: 'pro' }, timestamp: ago(10) },
        login('hx-ada', 1),
        login('hx-ada', 2),
        { type: 'identify', userId: 'hx-bob', traits: { email: 'hx-bob@example.com', plan: 'free' }, timestamp: ago(10) },
        login('hx-bob', 3),
        { type: 'identify', userId: 'hx-cat', traits: { email: 'hx-cat@example.com', plan: 'pro' }, timestamp: ago(10) },
      ],
    }, { authorization: basic });
    ({ browser, page } = await launchBrowser());
    await signIn(page, platform.api.url, E2E_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const kpi = (id: string) => page.getByTestId(id).textContent();

  it('defines the score in the Health tab form and shows the bands', async () => {
    await page.goto(`${platform.api.url}/#/analytics/health`);
    const form = page.getByRole('form', { name: 'Health score definition' });
    await form.getByRole('button', { name: 'Add rule' }).click();
    await page.locator('#health-rule-0-kind').selectOption('trait');
    await page.locator('#health-rule-0-weight').fill('50');
    await page.locator('#health-rule-0-trait').fill('plan');
    await page.locator('#health-rule-0-values').fill('pro');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await page.locator('#health-rule-1-weight').fill('50');
    await page.locator('#health-rule-1-events').fill('login');
    await page.locator('#health-rule-1-target').fill('2');
    await page.locator('#health-rule-1-days').fill('14');
    await page.getByLabel('Healthy from').fill('70');
    await page.getByLabel('At risk from').fill('40');
    await form.getByRole('button', { name: 'Save health score' }).click();
    await page.getByText('Saved: every customer is being rescored.').waitFor();

    // ada: 50 (pro) + 50 × 2/2 logins = 100 healthy; bob: 0 + 50 × 1/2 = 25 critical; cat: 50 + 0 = 50 at risk.
    // Average (100 + 25 + 50) / 3 = 58.33…, shown to one decimal: 58.3.
    await expect.poll(async () => { await page.reload(); return kpi('health-now-healthy'); }, shown).toBe('1');
    expect(await kpi('health-now-at_risk')).toBe('1');
    expect(await kpi('health-now-critical')).toBe('1');
    expect(await kpi('health-average')).toBe('58.3');
  });

  it("shows a customer's score and band on the profile and the list, filtered by band", async () => {
    await page.goto(`${platform.api.url}/#/customers/hx-cat`);
    await expect.poll(() => page.getByTestId('customer-health').textContent(), shown).toContain('50 / 100 · At risk');
    const why = page.getByRole('table', { name: 'Why this score' });
    expect(await why.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('plan = pro50'), expect.stringContaining('0 in 14 days0')]);

    await page.goto(`${platform.api.url}/#/customers`);
    const row = (id: string) => page.locator('table tbody tr', { hasText: id });
    await expect.poll(() => row('hx-bob').getByTestId('health-cell').textContent(), shown).toBe('25 · Critical');
    expect(await row('hx-ada').getByTestId('health-cell').textContent()).toBe('100 · Healthy');
    await page.getByLabel('Health', { exact: true }).selectOption('critical');
    await expect.poll(() => page.locator('table tbody tr td:first-child').allTextContents(), shown).toEqual(['hx-bob']);
  });

  it('starts the low-usage journey when a customer drops to at risk (health_changed), and counts the change', async () => {
    const { call, createTemplate } = platform.client;
    const mail = await createTemplate('We miss you', 'We miss you', '<p>Come back and see what is new.</p>');
    const draft = {
      nodes: [
        { id: 'start', type: 'trigger', event: 'health_changed', conditions: { match: 'all', conditions: [{ source: 'event', path: 'to', op: 'eq', value: 'at_risk' }] }, reentry: { policy: 'once' } },
        { id: 'send', type: 'send_email', templateId: mail.id },
        { id: 'done', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'start', sourceExit: 'next', target: 'send' },
        { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
      ],
    };
    const journey = await call<{ id: string }>('POST', '/api/journeys', { name: 'Low usage', draft });
    await call('POST', `/api/journeys/${journey.id}/publish`);

    // ada moves to the free plan: 0 + 50 = 50 → at risk (from healthy).
    await platform.client.identify('hx-ada', { plan: 'free' });
    const sent = await platform.waitForMail('hx-ada@example.com', /^We miss you$/);
    expect(sent.html).toContain('Come back');

    // Now healthy 0, at risk 2 (ada 50, cat 50), critical 1 (bob 25); one change healthy → at risk.
    await page.goto(`${platform.api.url}/#/analytics/health`);
    await expect.poll(async () => { await page.reload(); return kpi('health-now-at_risk'); }, shown).toBe('2');
    expect(await kpi('health-now-healthy')).toBe('0');
    const transitions = page.locator('.analytics-table', { has: page.getByRole('heading', { name: 'Band transitions' }) }).locator('tbody tr');
    expect(await transitions.allTextContents()).toEqual(['HealthyAt risk1']);
  });
});
