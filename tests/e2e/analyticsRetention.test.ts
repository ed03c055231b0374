import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_HISTORY, RETENTION_STAGES } from '../../apps/api/src/analytics/retention/retentionFixture';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

/** Calls the API as the signed-in admin (session cookie and CSRF token, as the browser does). */
async function adminSession(baseUrl: string) {
  const signIn = await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(E2E_ADMIN) });
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const headers = { 'content-type': 'application/json', cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': csrfToken };
  return async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  };
}

/** The Retention tab shows the numbers worked out by hand in apps/api/src/analytics/retention.test.ts for the same history. */
describe('the Retention tab in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const { call } = platform.client;
    // Stages and analytics settings are the admin's: signed in as one (a session and its CSRF token).
    const asAdmin = await adminSession(platform.api.url);
    await asAdmin('PUT', '/api/lifecycle/stages', RETENTION_STAGES);
    const settings = await call<Record<string, unknown>>('GET', '/api/analytics/settings');
    await asAdmin('PUT', '/api/analytics/settings', { ...settings, churnInactivityDays: 30 });
    await call('POST', '/v1/batch', { batch: RETENTION_HISTORY }, { authorization: `Basic ${Buffer.from(`${platform.env.WRITE_KEY ?? ''}:`).toString('base64')}` });
    ({ browser, page } = await launchBrowser());
    await signIn(page, platform.api.url, E2E_ADMIN);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const table = (caption: string) => page.locator('table', { has: page.locator('caption', { hasText: caption }) });
  const rowCells = (caption: string, first: string) => async () => table(caption).locator('tbody tr', { has: page.locator(`td:first-child:text-is("${first}")`) }).locator('td').allTextContents();

  it('shows the cohort matrix, its heatmap and its CSV export', async () => {
    await page.goto(`${platform.api.url}/#/analytics/retention?from=2026-01-01&to=2026-04-30&interval=month`);
    const matrix = 'Cohort matrix';
    await expect.poll(rowCells(matrix, '2026-01-01'), shown).toEqual(['2026-01-01', '3', '100.0%', '33.3%', '66.7%', '0.0%']);
    expect(await rowCells(matrix, '2026-02-01')()).toEqual(['2026-02-01', '2', '100.0%', '50.0%', '50.0%', '']);
    expect(await rowCells(matrix, '2026-03-01')()).toEqual(['2026-03-01', '1', '100.0%', '100.0%', '', '']);
    expect(await rowCells(matrix, 'Average (weighted)')()).toEqual(['Average (weighted)', '6', '100.0%', '50.0%', '60.0%', '0.0%']);
    // The heatmap labels its cells with the same percentages.
    await expect.poll(() => page.locator('section[aria-label="Cohort retention"] .analytics-chart').first().locator('svg text').allTextContents(), shown).toEqual(expect.arrayContaining(['33.3%', '66.7%', '50%']));
    const csv = await page.locator('section[aria-label="Cohort retention"] a', { hasText: 'Download CSV' }).getAttribute('href');
    expect(csv).toContain('/api/analytics/retention/cohorts.csv?');
    const exported = await page.evaluate(async (href) => (await fetch(href!)).text(), csv);
    expect(exported.split('\r\n')[1]).toBe('2026-01-01,3,100,33.33,66.67,0');
  });

  it('regroups the cohorts by first purchase', async () => {
    await page.getByLabel('Cohorts by').selectOption('purchase');
    await expect.poll(rowCells('Cohort matrix', '2026-03-01'), shown).toEqual(['2026-03-01', '2', '100.0%', '50.0%', '', '']);
    expect(await rowCells('Cohort matrix', '2026-01-01')()).toEqual(['2026-01-01', '1', '100.0%', '100.0%', '100.0%', '0.0%']);
  });

  it('shows CRR, churn and the growth lens', async () => {
    const crr = 'Customer retention rate';
    await expect.poll(rowCells(crr, '2026-03-01'), shown).toEqual(['2026-03-01', '2', '3', '2', '50.0%', '1', '50.0%']);
    expect(await rowCells(crr, '2026-01-01')()).toEqual(['2026-01-01', '0', '1', '1', '—', '0', '—']);
    expect(await rowCells(crr, '2026-04-01')()).toEqual(['2026-04-01', '3', '3', '0', '100.0%', '2', '66.7%']);
    const growth = 'Growth lens';
    await expect.poll(rowCells(growth, '2026-04-01'), shown).toEqual(['2026-04-01', '2', '0', '1', '1', '3']);
    expect(await rowCells(growth, '2026-03-01')()).toEqual(['2026-03-01', '4', '1', '2', '1', '1']);
    const growthChart = page.locator('section[aria-label="Growth lens"] .analytics-chart');
    await expect.poll(() => growthChart.locator('svg').count(), shown).toBe(1);
  });
});
