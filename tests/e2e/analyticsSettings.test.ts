import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const VIEWER = { email: 'analytics-viewer@e2e.example.com', password: 'viewer-password-0123' };
type Settings = { activityEvents: string[]; customerStages: string[]; churnStages: string[]; churnInactivityDays: number | null; margin: number; globalControlShare: number; experimentMinEntries: number; channelTrait: string; revenue: { rates: Record<string, number>; baseCurrency: string; events: string[] } };

/** A call with an admin session (the marketer token of `platform.client` may not add users or read what only admins write). */
async function asAdmin(platform: Platform, method: string, path: string, body?: unknown): Promise<Response> {
  const signIn = await fetch(`${platform.api.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(E2E_ADMIN) });
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return fetch(`${platform.api.url}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

describe('the Analytics settings tab in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  const settingsNow = async () => (await platform.client.call<Settings>('GET', '/api/analytics/settings'));
  const field = (id: string) => page.locator(`[data-field="analytics-${id}"]`);

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    ({ browser, page } = await launchBrowser());
    // An event name the activity-event chips can suggest.
    await platform.client.call('POST', '/v1/track', { userId: 'settings-1', event: 'report_exported', properties: {} }, { authorization: `Basic ${Buffer.from(`${platform.env.WRITE_KEY}:`).toString('base64')}` });
    expect((await asAdmin(platform, 'POST', '/api/users', { ...VIEWER, role: 'viewer' })).status).toBe(201);
    await signIn(page, platform.api.url, E2E_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('edits every setting in a form and saves it: chips with suggestions, stage checkboxes, percentages, a rate table', async () => {
    await page.goto(`${platform.api.url}/#/analytics/settings`);
    const form = page.getByRole('form', { name: 'Analytics settings' });
    await form.waitFor();
    // Suggestions come from events already stored.
    await expect.poll(() => page.locator('#analytics-activityEvents-suggestions option[value="report_exported"]').count(), shown).toBe(1);
    await page.locator('#analytics-activityEvents').fill('report_exported');
    await page.getByRole('button', { name: 'Add to analytics-activityEvents' }).click();
    await page.locator('#analytics-activityEvents').fill('login');
    await page.locator('#analytics-activityEvents').press('Enter');
    await expect.poll(() => field('activityEvents').locator('.chip').allTextContents(), shown).toEqual(['report_exported×', 'login×']);
    await page.getByRole('button', { name: 'Remove login' }).click();

    // Stages are the configured ones, as checkboxes.
    await page.getByRole('group', { name: 'Customer stages' }).getByLabel('engagement').check();
    await page.getByRole('group', { name: 'Customer stages' }).getByLabel('at_risk').uncheck();
    await page.getByRole('group', { name: 'Churn stages' }).getByLabel('at_risk').check();
    await page.getByLabel('Churned after days without activity').fill('45');
    await page.getByLabel('Margin (%)').fill('40');
    await page.getByLabel('Global control group (%)').fill('5');
    await page.getByLabel('Minimum entries per arm').fill('250');
    await page.getByLabel('Channel trait').fill('signup_source');
    await page.getByRole('button', { name: 'Add a rate' }).click();
    await page.getByLabel('Currency of rate 1').fill('eur');
    await page.getByLabel('Rate of EUR').fill('1.08');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();

    const saved = await settingsNow();
    expect(saved).toMatchObject({ activityEvents: ['report_exported'], churnStages: ['churned', 'at_risk'], churnInactivityDays: 45, margin: 0.4, globalControlShare: 0.05, experimentMinEntries: 250, channelTrait: 'signup_source' });
    expect(saved.customerStages.sort()).toEqual(['advocacy', 'engagement', 'retention']);
    expect(saved.revenue.rates).toEqual({ EUR: 1.08 });

    // What was saved is what the form shows after a reload.
    await page.reload();
    await page.getByLabel('Margin (%)').waitFor();
    expect(await page.getByLabel('Margin (%)').inputValue()).toBe('40');
    expect(await page.getByLabel('Rate of EUR').inputValue()).toBe('1.08');
  });

  it("shows the API's complaint next to the field it names, and saves nothing", async () => {
    await page.goto(`${platform.api.url}/#/analytics/settings`);
    await page.getByLabel('Margin (%)').fill('150');
    await page.getByLabel('Base currency').fill('usd');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => field('marginPercent').locator('.field-error').textContent(), shown).toMatch(/1|less|big/i);
    await expect.poll(() => field('baseCurrency').locator('.field-error').textContent(), shown).toContain('three-letter');
    expect(await field('channelTrait').locator('.field-error').count()).toBe(0);
    expect((await settingsNow()).margin).toBe(0.4);
  });

  it('shows a viewer the same settings read-only', async () => {
    const context = await browser.newContext();
    const viewerPage = await context.newPage();
    try {
      await signIn(viewerPage, platform.api.url, VIEWER);
      await viewerPage.goto(`${platform.api.url}/#/analytics/settings`);
      await viewerPage.getByRole('note').filter({ hasText: 'Read only' }).waitFor();
      expect(await viewerPage.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
      expect(await viewerPage.getByLabel('Margin (%)').getAttribute('readonly')).not.toBeNull();
      expect(await viewerPage.getByRole('group', { name: 'Customer stages' }).getByLabel('engagement').isDisabled()).toBe(true);
      expect(await viewerPage.getByRole('group', { name: 'Customer stages' }).getByLabel('engagement').isChecked()).toBe(true);
      expect(await viewerPage.locator('[data-field="analytics-activityEvents"] .chip').allTextContents()).toEqual(['report_exported']);
    } finally {
      await context.close();
    }
  });

  it('draws the dashboard hourly charts with ECharts: axes with units, a legend, the numbers in a table', async () => {
    await page.goto(`${platform.api.url}/#/dashboard`);
    const chart = (title: string) => page.locator('figure.hourly-chart', { hasText: title });
    await chart('Runs per hour').waitFor();
    await expect.poll(() => chart('Runs per hour').locator('svg text').allTextContents(), shown).toEqual(expect.arrayContaining(['hour (UTC)', 'runs per hour', 'started', 'completed', 'failed']));
    await expect.poll(() => chart('Emails per hour').locator('svg text').allTextContents(), shown).toEqual(expect.arrayContaining(['emails per hour', 'sent', 'opened', 'clicked']));
    // Hours on the x axis as the UTC clock shows them.
    expect((await chart('Runs per hour').locator('svg text').allTextContents()).filter((text) => /^\d{2}:00$/.test(text)).length).toBeGreaterThan(3);
    // The numbers stay readable without the picture: a hidden table, one row per hour.
    expect(await chart('Runs per hour').locator('table tbody tr').count()).toBe(24);
  });
});
