import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES_CONFIG, STAGES_HISTORY } from '../../apps/api/src/analytics/stages/stagesFixture';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

/** Saves the fixture's stages and rules as the admin (a marketer's API token may not), signed in as a browser is. */
async function saveStagesAsAdmin(baseUrl: string): Promise<void> {
  const signIn = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(E2E_ADMIN),
  });
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const saved = await fetch(`${baseUrl}/api/lifecycle/stages`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify(STAGES_CONFIG),
  });
  if (!saved.ok) throw new Error(`saving the stages → ${saved.status} ${await saved.text()}`);
}

/** The Stages tab shows the numbers worked out by hand in apps/api/src/analytics/stages.test.ts, for the same data. */
describe('the Stages tab of the Analytics area in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    await saveStagesAsAdmin(platform.api.url);
    await platform.client.call(
      'POST',
      '/v1/batch',
      { batch: STAGES_HISTORY },
      { authorization: `Basic ${Buffer.from(`${platform.env.WRITE_KEY}:`).toString('base64')}` },
    );
    ({ browser, page } = await launchBrowser());
    await signIn(page, platform.api.url, E2E_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  /** The cells of each body row of the table in the figure titled `title`. */
  const rowsOf = (title: string) => async () => {
    const rows = page.locator(`section[aria-label="${title}"] table tbody tr`);
    const texts: string[][] = [];
    for (let i = 0; i < (await rows.count()); i += 1)
      texts.push((await rows.nth(i).locator('td').allTextContents()).map((text) => text.trim()));
    return texts;
  };

  it('shows March: stages now and over time, the funnel with its weakest step, transitions and time in stage', async () => {
    await page.goto(`${platform.api.url}/#/analytics/stages?from=2026-03-01&to=2026-03-31&interval=month`);
    await expect.poll(rowsOf('Customers per stage now'), shown).toEqual([
      ['visitor', '1', '12.5%'],
      ['lead', '2', '25.0%'],
      ['trial', '2', '25.0%'],
      ['customer', '2', '25.0%'],
      ['churned', '1', '12.5%'],
    ]);
    await expect.poll(rowsOf('Customers per stage over time'), shown).toEqual([['2026-03-01', '1', '2', '2', '2', '1']]);
    expect(await page.locator('section[aria-label="Customers per stage over time"] svg').count()).toBeGreaterThan(0);

    await expect.poll(rowsOf('Stage funnel'), shown).toEqual([
      ['visitor', '5', '—', '100.0%', '—', '3', '—', '—'],
      ['lead', '4', '80.0%', '80.0%', '18.0 h', '3', '100.0%', '−20.0 pts'],
      ['trial', '3', '75.0%', '60.0%', '2.0 days', '2', '66.7%', '+8.3 pts'],
      ['customer', '2', '66.7%', '40.0%', '2.5 days', '2', '100.0%', '−33.3 pts'],
    ]);
    expect(await page.getByTestId('weakest-step').textContent()).toBe('trial → customer');
    expect(await page.getByTestId('weakest-step-rate').textContent()).toBe('66.7%');
    expect(await page.getByTestId('weakest-step-previous').textContent()).toBe('100.0%');
    expect(await page.getByTestId('weakest-step-drop').textContent()).toBe('33.3 pts');

    await expect.poll(rowsOf('Stage transitions'), shown).toEqual([
      ['(no stage)', 'lead', 'first stage', '4', '100.0%'],
      ['lead', 'trial', 'forward', '3', '100.0%'],
      ['trial', 'customer', 'forward', '2', '100.0%'],
      ['customer', 'churned', 'into churn', '1', '50.0%'],
      ['customer', 'trial', 'back', '1', '50.0%'],
    ]);
    await expect.poll(rowsOf('Time in stage'), shown).toEqual([
      ['visitor', '0', '—', '—', '0', '—', '—'],
      ['lead', '3', '2.0 days', '2.8 days', '2', '28.5 days', '41.7 days'],
      ['trial', '2', '2.5 days', '3.7 days', '2', '17.3 days', '18.7 days'],
      ['customer', '2', '11.0 days', '11.8 days', '2', '51.5 days', '54.3 days'],
      ['churned', '0', '—', '—', '1', '12.0 days', '12.0 days'],
    ]);
  });

  it('narrows every figure to a channel and starts the funnel where the marketer chooses', async () => {
    await page.goto(`${platform.api.url}/#/analytics/stages?from=2026-03-01&to=2026-03-31&interval=month&channel=ads`);
    await expect.poll(rowsOf('Customers per stage now'), shown).toEqual([
      ['visitor', '0', '0.0%'],
      ['lead', '0', '0.0%'],
      ['trial', '1', '33.3%'],
      ['customer', '1', '33.3%'],
      ['churned', '1', '33.3%'],
    ]);
    await page.getByLabel('First step').selectOption('lead');
    await page.getByLabel('Last step').selectOption('trial');
    await expect.poll(rowsOf('Stage funnel'), shown).toEqual([
      ['lead', '2', '—', '100.0%', '—', '1', '—', '—'],
      ['trial', '2', '100.0%', '100.0%', '2.0 days', '1', '100.0%', '+0.0 pts'],
    ]);
    const csv = await page.locator('section[aria-label="Stage funnel"] a', { hasText: 'Download CSV' }).getAttribute('href');
    expect(csv).toContain('/api/analytics/stages/funnel.csv?');
    expect(csv).toContain('start=lead');
    expect(csv).toContain('channel=ads');
  });
});
