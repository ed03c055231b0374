import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HALF_YEAR, stagesWithCancel, valueHistoryBatch, valueSettings } from '../../apps/api/src/analytics/valueTestData';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

// The data set and its hand-worked figures are those of apps/api/src/analytics/value.test.ts and cac.test.ts.
describe('the Value and Acquisition tabs in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const { call } = platform.client;
    // Settings and stage rules are the admin's: sign in as one (cookie + CSRF token), as the browser does.
    const signedIn = await fetch(`${platform.api.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(E2E_ADMIN) });
    const admin = { cookie: (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': ((await signedIn.json()) as { csrfToken: string }).csrfToken };
    const put = async (path: string, body: unknown) => {
      const response = await fetch(`${platform.api.url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`PUT ${path} → ${response.status} ${await response.text()}`);
    };
    await put('/api/analytics/settings', valueSettings(await call('GET', '/api/analytics/settings')));
    await put('/api/lifecycle/stages', stagesWithCancel(await call('GET', '/api/lifecycle/stages')));
    await call('POST', '/v1/batch', valueHistoryBatch(), { authorization: `Basic ${Buffer.from(`${platform.env.WRITE_KEY}:`).toString('base64')}` });
    ({ browser, page } = await launchBrowser());
    await signIn(page, platform.api.url, E2E_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const text = (testId: string) => () => page.getByTestId(testId).textContent();
  const row = (table: string, first: string) => page.getByRole('table', { name: table }).locator('tr', { has: page.locator(`td:first-child:text-is("${first}")`) });
  const cells = (table: string, first: string) => () => row(table, first).locator('td').allTextContents();

  it('shows revenue, ARPU, predicted CLV with its inputs, and CLV per cohort', async () => {
    await page.goto(`${platform.api.url}/#/analytics/value?${HALF_YEAR}`);
    await expect.poll(text('value-revenue'), shown).toBe('$480.00'); // 100 + 280 + 50 + 50
    expect(await text('value-arpu')()).toBe('$96.00'); // 480 / 5 customers
    expect(await page.getByTestId('unconverted').first().textContent()).toContain('30 EUR');
    await expect.poll(text('predicted-clv'), shown).toBe('$118.45'); // 995/36 × 0.5 ÷ 7/60
    expect(await text('arpu-per-month')()).toBe('$27.64');
    expect(await text('churn-rate')()).toBe('11.7%');
    expect(await text('margin')()).toBe('50.0%');
    await expect.poll(cells('Average CLV per cohort', '2026-01'), shown).toEqual(['2026-01', '2', '$350.00', '$175.00']);
    // (By channel rather than stage: the platform's own sweep moves long-inactive customers to at_risk meanwhile.)
    await page.getByLabel('Group by').selectOption('channel');
    await expect.poll(cells('Average CLV per channel', 'facebook'), shown).toEqual(['facebook', '2', '$130.00', '$65.00']);
  });

  it('takes spend typed in and uploaded, and shows CAC, CLV:CAC and payback per channel', async () => {
    await page.goto(`${platform.api.url}/#/analytics/acquisition?${HALF_YEAR}`);
    await page.locator('#spend-month').fill('2026-01');
    await page.locator('#spend-channel').fill('google');
    await page.locator('#spend-amount').fill('300');
    await page.getByRole('button', { name: 'Save spend' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), shown).toContain('Saved google 2026-01');

    const csv = 'month,channel,amount,currency\n2026-02,google,100,\n2026-02,facebook,160,USD\n2026-03,facebook,100,GBP\n2026-03,tiktok,50,EUR\n';
    await page.getByLabel(/Upload CSV/).setInputFiles({ name: 'spend.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByRole('status').textContent(), shown).toContain('Stored 4 row(s)');

    // channel, spend, acquired, CAC, ARPU per month, predicted CLV, CLV:CAC, payback
    await expect.poll(cells('Per channel', 'google'), shown).toEqual(['google', '$400.00', '2', '$200.00', '$29.17', '$125.00', '0.63', '13.71']);
    expect(await cells('Per channel', 'facebook')()).toEqual(['facebook', '$285.00', '2', '$142.50', '$21.00', '$90.00', '0.63', '13.57']);
    expect(await page.getByTestId('unconverted').first().textContent()).toContain('50 EUR');

    const bad = 'month,channel,amount\n2026-04,google,lots\n';
    await page.getByLabel(/Upload CSV/).setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await expect.poll(() => page.getByRole('alert').first().textContent(), shown).toContain('line 2, column amount');
  });

  it('sorts the customers list by CLV and shows a customer\'s value on the profile', async () => {
    await page.goto(`${platform.api.url}/#/customers`);
    await page.getByLabel('Sort by').selectOption('clv');
    const firstColumn = () => page.locator('table tbody tr td:first-child').allTextContents();
    await expect.poll(firstColumn, shown).toEqual(['bob', 'ada', 'cyd', 'dee', 'eve']);
    expect(await page.locator('table tbody tr').first().textContent()).toContain('$200.00');

    await page.goto(`${platform.api.url}/#/customers/ada`);
    await expect.poll(text('customer-clv'), shown).toBe('$150.00');
  });
});
