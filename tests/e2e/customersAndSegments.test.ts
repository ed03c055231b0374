import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const artifacts = join(process.cwd(), 'test-results');

describe('customers, segments and lifecycle stages in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const { identify, track } = platform.client;
    // Identifying with an email moves a customer to `acquisition`; a first `purchase` to `retention` (the default rules).
    await identify('cs-ada', { email: 'ada@example.com', plan: 'pro', firstName: 'Ada' });
    await track('cs-ada', 'purchase', { amount: 42 });
    await identify('cs-bob', { email: 'bob@example.com', plan: 'free' });
    await identify('cs-carol', { email: 'carol@shop.example', plan: 'free' });
    await identify('cs-dave', { email: 'dave@example.com', plan: 'free' });
    ({ browser, page } = await launchBrowser());
    await signIn(page, platform.api.url, E2E_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const customerRows = () => page.locator('table tbody tr');
  const listedIds = async () => (await customerRows().locator('td:first-child').allTextContents()).sort();
  const facts = (term: string) => page.locator(`dl.facts dt:text-is("${term}") + dd`);

  it('lists the customers, searches by email prefix and filters by stage', async () => {
    await page.goto(`${platform.api.url}/#/customers`);
    await expect.poll(listedIds, shown).toEqual(['cs-ada', 'cs-bob', 'cs-carol', 'cs-dave']);
    expect(await customerRows().filter({ hasText: 'cs-ada' }).textContent()).toContain('retention');

    await page.getByLabel('Id or email starts with').fill('carol@');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(listedIds, shown).toEqual(['cs-carol']);

    await page.getByLabel('Id or email starts with').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel('Stage', { exact: true }).selectOption('retention');
    await expect.poll(listedIds, shown).toEqual(['cs-ada']);
    await page.getByLabel('Stage', { exact: true }).selectOption('acquisition');
    await expect.poll(listedIds, shown).toEqual(['cs-bob', 'cs-carol', 'cs-dave']);
  });

  it("shows a customer's traits, stage history and events", async () => {
    await page.goto(`${platform.api.url}/#/customers/cs-ada`);
    await page.getByRole('heading', { name: 'cs-ada' }).waitFor();
    expect(await facts('Email').textContent()).toBe('ada@example.com');
    expect(await facts('Stage').textContent()).toBe('retention');
    const traits = page.getByRole('table', { name: 'Traits' }).locator('tbody tr');
    expect(await traits.evaluateAll((rows) => rows.map((row) => row.textContent))).toEqual(expect.arrayContaining(['planpro', 'firstNameAda']));
    const history = page.locator('table', { has: page.getByRole('columnheader', { name: 'Why' }) }).locator('tbody tr');
    await expect.poll(() => history.count(), shown).toBe(2);
    expect(await history.nth(0).textContent()).toContain('retention');
    expect(await history.nth(0).textContent()).toContain('first `purchase` event');
    expect(await history.nth(1).textContent()).toContain('acquisition');
    const events = () => page.locator('ol.timeline li').allTextContents();
    await expect.poll(async () => (await events()).some((text) => text.includes('track · purchase') && text.includes('"amount":42')), shown).toBe(true);
    expect((await events()).some((text) => text.startsWith('identify'))).toBe(true);
  });

  it('suppresses a customer and deletes another', async () => {
    await page.goto(`${platform.api.url}/#/customers/cs-bob`);
    await page.getByRole('button', { name: 'Suppress' }).click();
    await expect.poll(() => facts('Subscription').textContent(), shown).toContain('suppressed (never messaged)');
    await page.getByRole('button', { name: 'Lift suppression' }).waitFor();
    await page.goto(`${platform.api.url}/#/customers`);
    await expect.poll(() => customerRows().filter({ hasText: 'cs-bob' }).textContent(), shown).toContain('suppressed');

    await page.getByRole('link', { name: 'cs-dave' }).click();
    await page.getByRole('button', { name: 'Delete customer' }).click();
    await page.getByRole('alertdialog', { name: 'Delete customer cs-dave?' }).getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('Deleted cs-dave').waitFor();
    await page.getByRole('link', { name: 'Customers' }).first().click();
    await expect.poll(listedIds, shown).toEqual(['cs-ada', 'cs-bob', 'cs-carol']);
  });

  it('builds a segment with a live size and sample, saves it, and keeps membership current as events arrive', async () => {
    await page.goto(`${platform.api.url}/#/segments`);
    await page.getByRole('link', { name: 'New segment' }).click();
    await page.getByLabel('Name').fill('Pro plan');
    await page.getByLabel('Add a condition').selectOption('trait');
    await page.getByLabel('Condition 1 trait').fill('plan');
    expect(await page.getByLabel('Condition 1 operator').locator('option:checked').textContent()).toBe('is');
    await page.getByLabel('Condition 1 value').fill('free');
    const size = page.getByTestId('segment-size');
    const sample = page.getByRole('region', { name: 'Preview' }).locator('li');
    await expect.poll(() => size.textContent(), shown).toBe('2');
    await expect.poll(() => sample.allTextContents(), shown).toEqual([expect.stringContaining('cs-bob'), expect.stringContaining('cs-carol')]);
    await page.getByLabel('Condition 1 value').fill('pro');
    await expect.poll(() => size.textContent(), shown).toBe('1');
    await expect.poll(() => sample.allTextContents(), shown).toEqual([expect.stringContaining('cs-ada')]);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'segment-editor.png'), fullPage: true });

    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByRole('heading', { name: 'Segment: Pro plan' }).waitFor();
    await page.getByRole('status').getByText('Saved Pro plan.').waitFor();
    await expect.poll(() => size.textContent(), shown).toBe('1');

    await page.goto(`${platform.api.url}/#/customers/cs-ada`);
    await expect.poll(() => facts('Segments').textContent(), shown).toBe('Pro plan');
    await page.goto(`${platform.api.url}/#/customers/cs-carol`);
    await expect.poll(() => facts('Segments').textContent(), shown).toBe('none');

    // Carol upgrades: her identify alone moves her into the saved segment.
    await platform.client.identify('cs-carol', { plan: 'pro' });
    await page.goto(`${platform.api.url}/#/segments`);
    const row = page.locator('table tbody tr', { hasText: 'Pro plan' });
    await expect.poll(async () => { await page.reload(); return row.locator('td').nth(1).textContent(); }, shown).toBe('2');
    await row.getByRole('link', { name: 'View' }).click();
    await expect.poll(listedIds, shown).toEqual(['cs-ada', 'cs-carol']);
    await page.getByRole('link', { name: 'cs-carol' }).click();
    await expect.poll(() => facts('Segments').textContent(), shown).toBe('Pro plan');
  });

  it('lists the lifecycle stages and saves a new rule that then moves customers', async () => {
    await page.goto(`${platform.api.url}/#/settings/stages`);
    await expect.poll(() => page.getByLabel('Stage 2 name').inputValue(), shown).toBe('acquisition');
    await page.getByLabel('Add a rule').selectOption('event');
    const rule = page.getByRole('group', { name: /^Rule 4/ });
    await rule.getByLabel('Event name').fill('invited_friend');
    await rule.getByLabel('Move to stage').selectOption('advocacy');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    await page.getByText('First `invited_friend` → advocacy').waitFor();
    await page.reload();
    await page.getByText('First `invited_friend` → advocacy').waitFor();

    await platform.client.track('cs-carol', 'invited_friend');
    await page.goto(`${platform.api.url}/#/customers/cs-carol`);
    await expect.poll(() => facts('Stage').textContent(), shown).toBe('advocacy');
  });
});
