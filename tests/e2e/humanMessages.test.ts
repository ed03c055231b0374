import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const node = (id: string) => `.react-flow__node[data-id="${id}"]`;
const rule = (path: string) => ({ source: 'trait', path, op: 'eq', value: 'pro' });

/** A complete journey: trigger → split (two branches, else) → waits → exit. Every field is filled in. */
const draft = {
  nodes: [
    { id: 'start', type: 'trigger', label: 'Signed up', event: 'hm_signup', reentry: { policy: 'once' }, position: { x: 300, y: 0 } },
    {
      id: 'split', type: 'condition_split', label: 'Which plan?', position: { x: 300, y: 160 },
      branches: [
        { id: 'pro', label: 'Pro', condition: { match: 'all', conditions: [rule('plan')] } },
        { id: 'team', label: 'Team', condition: { match: 'all', conditions: [rule('team_plan')] } },
      ],
    },
    { id: 'pause', type: 'wait', label: 'Pause', duration: { amount: 3, unit: 'days' }, position: { x: 0, y: 340 } },
    { id: 'paid', type: 'wait_for_event', label: 'Paid?', awaited: { kind: 'event', event: 'paid' }, timeout: { amount: 2, unit: 'days' }, position: { x: 300, y: 340 } },
    { id: 'done', type: 'exit', label: 'Done', position: { x: 300, y: 560 } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceExit: 'next', target: 'split' },
    { id: 'e2', source: 'split', sourceExit: 'pro', target: 'pause' },
    { id: 'e3', source: 'split', sourceExit: 'team', target: 'paid' },
    { id: 'e4', source: 'split', sourceExit: 'else', target: 'done' },
    { id: 'e5', source: 'pause', sourceExit: 'next', target: 'done' },
    { id: 'e6', source: 'paid', sourceExit: 'matched', target: 'done' },
    { id: 'e7', source: 'paid', sourceExit: 'timed_out', target: 'done' },
  ],
};

describe('validation messages in words, next to the field they concern', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let consoleErrors: { errors: string[] };
  let journeyId: string;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    journeyId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Plain words', lifecycleStage: 'onboarding', draft })).id;
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

  const inspector = (name: string) => page.getByRole('region', { name: `Settings of ${name}` });
  const panel = () => page.getByRole('region', { name: 'Problems' });
  const select = async (id: string, name: string) => {
    await page.locator(node(id)).click();
    await inspector(name).waitFor();
  };
  const problemUnder = (field: ReturnType<Page['locator']>) => field.locator('.field-problem');

  it('says a wait is too long in days, right under the duration, and clears it once fixed', async () => {
    await page.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await expect.poll(() => panel().locator('h2').textContent(), shown).toContain('No problems');
    // The Stage field suggests the stages configured on the Stages page, not a list built into the app.
    // Polled: the configured stages arrive by their own request, possibly after the problems panel.
    const suggested = () => page.locator('#journey-stages option').all().then((options) => Promise.all(options.map((option) => option.getAttribute('value'))));
    await expect.poll(suggested, shown).toEqual([
      'awareness', 'acquisition', 'onboarding', 'engagement', 'retention', 'advocacy', 'at_risk', 'churned',
    ]);

    await select('pause', 'Pause');
    const duration = inspector('Pause').getByRole('group', { name: 'Wait for' });
    await duration.getByLabel('Wait for amount').fill('5000');
    await expect.poll(() => problemUnder(duration).textContent(), shown).toBe('A wait can be at most 3,650 days');
    expect(await duration.getByLabel('Wait for amount').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => panel().textContent(), shown).toContain('PauseA wait can be at most 3,650 days');
    expect(await panel().textContent()).not.toMatch(/duration\.amount|Too big|<=/);
    // Not repeated in the list on top of the inspector: it is shown where it belongs.
    expect(await inspector('Pause').locator('.inspector-problems').count()).toBe(0);
    await page.screenshot({ path: '/tmp/messages-wait-too-long.png' });

    await duration.getByLabel('Wait for amount').fill('30');
    await expect.poll(() => problemUnder(duration).count(), shown).toBe(0);
    await expect.poll(() => panel().locator('h2').textContent(), shown).toContain('No problems');
  });

  it('asks for the event to wait for under the event name, and the problem in the panel leads to that field', async () => {
    await select('paid', 'Paid?');
    const eventName = inspector('Paid?').getByLabel('Event name');
    await eventName.fill('');
    const field = eventName.locator('..');
    await expect.poll(() => problemUnder(field).textContent(), shown).toBe('Choose the event to wait for');

    // From elsewhere in the journey, the problem in the panel opens the step and puts the cursor in the field.
    await select('pause', 'Pause');
    await panel().getByRole('button', { name: /Choose the event to wait for/ }).click();
    await inspector('Paid?').waitFor();
    await expect.poll(() => page.locator(':focus').getAttribute('id', { timeout: 1_000 }), shown).toBe('inspector-paid-awaited-event');

    await page.keyboard.type('paid');
    await expect.poll(() => problemUnder(field).count(), shown).toBe(0);
    await expect.poll(() => panel().locator('h2').textContent(), shown).toContain('No problems');
  });

  it('names the condition and the branch of a half-built rule, counting from 1', async () => {
    await select('split', 'Which plan?');
    const condition = inspector('Which plan?').getByRole('group', { name: 'branch 2' }).getByRole('group', { name: 'Condition 1', exact: true });
    await condition.getByLabel('Path').fill('');
    await expect.poll(() => problemUnder(condition).textContent(), shown).toBe('Condition 1 of branch 2: pick a trait');
    await expect.poll(() => panel().textContent(), shown).toContain('Which plan?Condition 1 of branch 2: pick a trait');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/messages-condition.png' });

    await condition.getByLabel('Path').fill('team_plan');
    await expect.poll(() => problemUnder(condition).count(), shown).toBe(0);
    await expect.poll(() => panel().locator('h2').textContent(), shown).toContain('No problems');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(consoleErrors.errors).toEqual([]);
  });
});
