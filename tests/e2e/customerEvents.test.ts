import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

/** How many events the anonymous visitor sends before identifying: more than the profile's first page of 100. */
const VISITS = 130;

describe("a customer's events in a real browser", () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    // An anonymous visitor's events, one a minute, oldest `visit 0`; then they identify and become ce-ada.
    const start = Date.now() - (VISITS + 10) * 60_000;
    const batch = Array.from({ length: VISITS }, (_, n) => ({
      type: 'track', anonymousId: 'ce-device', event: 'viewed_page', properties: { visit: n }, timestamp: new Date(start + n * 60_000).toISOString(),
    }));
    const authorization = `Basic ${Buffer.from(`${platform.env.WRITE_KEY}:`).toString('base64')}`;
    const stored = await fetch(`${platform.api.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ batch }) });
    expect(stored.status).toBe(200);
    const identified = await fetch(`${platform.api.url}/v1/identify`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ userId: 'ce-ada', anonymousId: 'ce-device', traits: { email: 'ce-ada@example.com' } }),
    });
    expect(identified.status).toBe(200);
    ({ browser, page } = await launchBrowser());
    await signIn(page, platform.api.url, E2E_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const timeline = () => page.locator('ol.timeline li');
  const visitShown = (n: number) => timeline().filter({ hasText: `{"visit":${n}}` });

  it('opens at the anonymous id the merged profile, and "Load older events" appends the events past the first 100', async () => {
    await page.goto(`${platform.api.url}/#/customers/${encodeURIComponent('anon:ce-device')}`);
    await page.getByRole('heading', { name: 'ce-ada' }).waitFor();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('anon:ce-device was merged into ce-ada');
    expect(await page.locator('dl.facts dt:text-is("Email") + dd').textContent()).toBe('ce-ada@example.com');

    await expect.poll(() => timeline().count()).toBe(100);
    expect(await visitShown(VISITS - 1).count()).toBe(1);
    expect(await visitShown(0).count()).toBe(0);

    await page.getByRole('button', { name: 'Load older events' }).click();
    // Every visit is shown exactly once, the oldest last, and there is nothing older to load.
    await expect.poll(() => visitShown(0).count()).toBe(1);
    const visits = (await timeline().allTextContents()).flatMap((text) => {
      const match = /\{"visit":(\d+)\}/.exec(text);
      return match ? [Number(match[1])] : [];
    });
    expect(visits).toEqual(Array.from({ length: VISITS }, (_, n) => VISITS - 1 - n));
    await expect.poll(() => page.getByRole('button', { name: 'Load older events' }).count()).toBe(0);
  });
});
