import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

describe('lifecycle stages edited through a form, with customers per stage', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let consoleErrors: { errors: string[] };

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const { identify, track } = platform.client;
    // Default rules: an email moves a customer to `acquisition`, a first purchase to `retention`; no stage yet counts as the first.
    await identify('sf-ada', { email: 'ada@example.com' });
    await identify('sf-bob', { email: 'bob@example.com' });
    await track('sf-bob', 'purchase', { amount: 10 });
    await identify('sf-cy', { email: 'cy@example.com' });
    await track('sf-dee', 'viewed');
    ({ browser } = await launchBrowser());
    // accessibility.ts injects axe-core as an inline script, which the app's CSP refuses: this page bypasses CSP for it.
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await signIn(page, platform.api.url, E2E_ADMIN);
    // From after signing in: the sign-in page's own session probe answers 401 by design.
    consoleErrors = watchConsoleErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const countOf = (index: number) => page.locator('.stage-row').nth(index).locator('.stage-count').textContent();
  const rule = (n: number) => page.getByRole('group', { name: new RegExp(`^Rule ${n} `) });

  it('shows how many customers each stage holds', async () => {
    await page.goto(`${platform.api.url}/#/settings/stages`);
    await expect.poll(() => page.getByLabel('Stage 2 name').inputValue(), shown).toBe('acquisition');
    await expect.poll(() => countOf(0), shown).toBe('1 customer');
    expect(await countOf(1)).toBe('2 customers');
    expect(await countOf(4)).toBe('1 customer');
    expect(await page.locator('.stages-summary').textContent()).toContain('4 customers in all');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('explains bad fields beside them, clears them when fixed, and saves stages and rules that then move customers', async () => {
    // A new stage, first written wrongly.
    await page.getByRole('button', { name: '+ Add stage' }).click();
    const vip = page.getByLabel('Stage 9 name');
    await vip.fill('VIP');
    const vipProblem = page.locator('.stage-row').nth(8).locator('.field-problem');
    await expect.poll(() => vipProblem.textContent(), shown).toBe('Stage 9: lowercase letters, digits and _ only');
    await vip.fill('vip');
    await expect.poll(() => vipProblem.count(), shown).toBe(0);
    // Reordered: vip goes before at_risk.
    await page.getByRole('button', { name: 'Move stage 9 up' }).click();
    await page.getByRole('button', { name: 'Move stage 8 up' }).click();
    expect(await page.getByLabel('Stage 7 name').inputValue()).toBe('vip');

    // The inactivity rule with too many days.
    const inactive = rule(3);
    await inactive.getByLabel('Days without activity').fill('5000');
    await expect.poll(() => inactive.locator('.field-problem').textContent(), shown).toBe('Rule 3: the inactivity period can be at most 3,650 days');
    await page.getByRole('status').filter({ hasText: 'Fix the problem marked below to save.' }).waitFor();
    await inactive.getByLabel('Days without activity').fill('45');
    await expect.poll(() => inactive.locator('.field-problem').count(), shown).toBe(0);

    // A new rule: an event moves customers to vip.
    await page.getByLabel('Add a rule').selectOption('event');
    await expect.poll(() => rule(4).locator('.field-problem').allTextContents(), shown).toEqual(['Rule 4: choose the event', 'Rule 4: choose the stage customers move to']);
    await page.screenshot({ path: '/tmp/messages-stages-problems.png', fullPage: true });
    await rule(4).getByLabel('Event name').fill('became_vip');
    await rule(4).getByLabel('Move to stage').selectOption('vip');
    await rule(4).getByLabel('acquisition').check();
    await expect.poll(() => page.locator('.field-problem').count(), shown).toBe(0);
    await page.getByRole('button', { name: 'Move rule 4 up' }).click();
    expect(await rule(3).locator('legend').first().textContent()).toContain('First `became_vip` → vip (from acquisition)');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    await page.reload();
    await expect.poll(() => rule(3).getByLabel('Event name').inputValue(), shown).toBe('became_vip');
    expect(await rule(4).getByLabel('Days without activity').inputValue()).toBe('45');
    expect(await page.getByLabel('Stage 7 name').inputValue()).toBe('vip');

    // The saved rule moves a customer, and the count follows.
    await platform.client.track('sf-ada', 'became_vip');
    await expect.poll(async () => {
      await page.reload();
      await page.getByLabel('Stage 7 name').waitFor();
      return [await countOf(6), await countOf(1)];
    }, shown).toEqual(['1 customer', '1 customer']);
    await page.screenshot({ path: '/tmp/messages-stages-saved.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A journey's Stage field now suggests the new stage.
    const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'VIP welcome', draft: { nodes: [], edges: [] } });
    await page.goto(`${platform.api.url}/#/journeys/${journey.id}`);
    await expect.poll(() => page.locator('#journey-stages option').all().then((options) => Promise.all(options.map((option) => option.getAttribute('value')))), shown).toContain('vip');
    expect(consoleErrors.errors).toEqual([]);
  });
});
