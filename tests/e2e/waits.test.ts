import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { momentForViewer, momentInZone } from '../../packages/journey/src/zoneWords';
import { waitFor } from '../support/processes';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const flowNode = (id: string) => `.react-flow__node[data-id="${id}"]`;
/** The viewer sits in New York; the customer in Paris: the run page must say both. */
const viewerZone = 'America/New_York';

/** trial_started → wait (1 day, to be changed in the inspector) → exit. */
const draft = {
  nodes: [
    { id: 'trigger', type: 'trigger', event: 'trial_started', reentry: { policy: 'once' } },
    { id: 'wait_1', type: 'wait', duration: { amount: 1, unit: 'days' } },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'wait_1' },
    { id: 'e2', source: 'wait_1', sourceExit: 'next', target: 'done' },
  ],
};

describe('waiting until a moment, in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let consoleErrors: { errors: string[] };

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    ({ browser } = await launchBrowser());
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, timezoneId: viewerZone });
    consoleErrors = watchConsoleErrors(page);
    await signIn(page, platform.api.url, E2E_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("configures “until Monday 09:00 customer's time”, publishes, and the run page shows the end in the customer's zone and the viewer's", async () => {
    const journeyId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Monday nudge', draft })).id;
    await page.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await page.locator(flowNode('wait_1')).click();
    await page.getByRole('radio', { name: 'until a moment' }).check();
    // The common case is ready at once: Monday, 09:00, on the customer's clock.
    await expect.poll(() => page.getByLabel('Until', { exact: true }).inputValue(), shown).toBe('weekday_time');
    await expect.poll(() => page.getByRole('checkbox', { name: 'Mon' }).isChecked(), shown).toBe(true);
    await expect.poll(() => page.getByLabel('At', { exact: true }).inputValue(), shown).toBe('09:00');
    await expect.poll(() => page.getByLabel('Read the time in').inputValue(), shown).toBe('customer');
    await expect.poll(() => page.locator(flowNode('wait_1')).textContent(), shown).toContain("Wait until Mon at 09:00 (the customer's time)");
    await expect.poll(() => page.locator('.problems-panel h2').textContent(), shown).toContain('No problems');
    await page.screenshot({ path: '/tmp/waits-inspector.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), shown).toBe('saved');
    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, showing what changed against the live version.
    await page.getByRole('alertdialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1.').waitFor();

    await platform.client.identify('paris-ana', { email: 'ana@example.com', timezone: 'Europe/Paris' });
    await platform.client.track('paris-ana', 'trial_started');
    let workflowId = '';
    await waitFor(
      async () => {
        const run = (await platform.client.runsOf(journeyId)).runs.find((candidate) => candidate.customerId === 'paris-ana' && candidate.status === 'waiting');
        workflowId = run?.workflowId ?? '';
        return workflowId !== '';
      },
      { timeoutMs: 60_000, intervalMs: 300, description: "paris-ana's run waiting" },
    );
    const { run } = await platform.client.call<{ run: { waitingUntil: string } }>('GET', `/api/runs/${encodeURIComponent(workflowId)}`);
    const endMs = Date.parse(run.waitingUntil);
    const inParis = momentInZone(endMs, 'Europe/Paris');
    expect(inParis).toMatch(/^Mon \d{1,2} \w+ \d{4}, 09:00 CES?T$/);

    await page.goto(`${platform.api.url}/#/runs/${encodeURIComponent(workflowId)}`);
    const expected = `${inParis} (customer, Europe/Paris) · ${momentForViewer(endMs, 'Europe/Paris', viewerZone)} your time`;
    const waitingUntil = page.locator('.facts div', { has: page.getByText('Waiting until', { exact: true }) }).locator('dd');
    await expect.poll(() => waitingUntil.textContent(), shown).toBe(expected);
    await expect.poll(() => page.locator('tr', { has: page.locator('[data-node-id="wait_1"]') }).locator('.detail-cell').textContent(), shown).toBe(`Until ${expected}`);
    await page.screenshot({ path: '/tmp/waits-run-page.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(consoleErrors.errors).toEqual([]);
  });

  it('configures “until 1 day before renewal_at, 09:00 the customer’s time” and the run waits until that moment in their zone', async () => {
    const journeyId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Renewal reminder', draft })).id;
    await page.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await page.locator(flowNode('wait_1')).click();
    await page.getByRole('radio', { name: 'until a moment' }).check();
    await page.getByLabel('Until', { exact: true }).selectOption('trait_date');
    await page.getByLabel('Date trait').fill('renewal_at');
    await expect.poll(() => page.locator(flowNode('wait_1')).textContent(), shown).toContain("Wait until 1 day before “renewal_at” at 09:00 (the customer's time)");
    await expect.poll(() => page.locator('.problems-panel h2').textContent(), shown).toContain('No problems');
    await page.screenshot({ path: '/tmp/waits-trait-inspector.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), shown).toBe('saved');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1.').waitFor();

    // Renewal twelve days from now (a date without a time, read on the customer's calendar).
    const renewal = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    await platform.client.identify('paris-renews', { email: 'renews@example.com', timezone: 'Europe/Paris', renewal_at: renewal });
    await platform.client.track('paris-renews', 'trial_started');
    const run = await waitFor(
      async () => (await platform.client.runsOf(journeyId)).runs.find((candidate) => candidate.customerId === 'paris-renews' && candidate.status === 'waiting'),
      { timeoutMs: 60_000, intervalMs: 300, description: "paris-renews's run waiting" },
    );
    const { run: detail } = await platform.client.call<{ run: { waitingUntil: string } }>('GET', `/api/runs/${encodeURIComponent(run.workflowId)}`);
    const endMs = Date.parse(detail.waitingUntil);
    const parisClock = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const dayBefore = new Date(Date.parse(`${renewal}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(parisClock.format(endMs)).toBe(`${dayBefore}, 09:00`);

    await page.goto(`${platform.api.url}/#/runs/${encodeURIComponent(run.workflowId)}`);
    const waitingUntil = page.locator('.facts div', { has: page.getByText('Waiting until', { exact: true }) }).locator('dd');
    await expect.poll(() => waitingUntil.textContent(), shown).toBe(`${momentInZone(endMs, 'Europe/Paris')} (customer, Europe/Paris) · ${momentForViewer(endMs, 'Europe/Paris', viewerZone)} your time`);
    expect(consoleErrors.errors).toEqual([]);
  });
});
