import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const artifacts = join(process.cwd(), 'test-results');
const flowNode = (id: string) => `.react-flow__node[data-id="${id}"] .journey-node`;
const customers = { ada: 'pro', bob: 'free', cy: 'pro', dee: 'free' } as const;

/** trigger → "is it a free plan?" → a one-hour wait on each branch → exit: runs sit waiting, each on its branch. */
function planJourney() {
  const wait = (id: string) => ({ id, type: 'wait', duration: { amount: 1, unit: 'hours' } });
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'plan_chosen', reentry: { policy: 'once' } },
      {
        id: 'plan_split',
        type: 'condition_split',
        branches: [{ id: 'free', label: 'Free plan', condition: { match: 'all', conditions: [{ source: 'trait', path: 'plan', op: 'eq', value: 'free' }] } }],
      },
      wait('wait_free'),
      wait('wait_paid'),
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'plan_split' },
      { id: 'e2', source: 'plan_split', sourceExit: 'free', target: 'wait_free' },
      { id: 'e3', source: 'plan_split', sourceExit: 'else', target: 'wait_paid' },
      { id: 'e4', source: 'wait_free', sourceExit: 'next', target: 'done' },
      { id: 'e5', source: 'wait_paid', sourceExit: 'next', target: 'done' },
    ],
  };
}

describe('runs monitor in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let journeyId: string;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    journeyId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Plan check', draft: planJourney() })).id;
    await platform.client.call('POST', `/api/journeys/${journeyId}/publish`);
    for (const [id, plan] of Object.entries(customers)) await platform.client.identify(id, { email: `${id}@example.com`, plan });
    // One run started before the next customer's event: runs of different customers start side by side (the
    // dispatcher's lanes), and the sort below relies on the start times following the order the customers chose.
    for (const id of Object.keys(customers)) {
      await platform.client.track(id, 'plan_chosen');
      await waitFor(async () => (await platform.client.runsOf(journeyId)).runs.some((run) => run.customerId === id), {
        timeoutMs: 60_000,
        intervalMs: 100,
        description: `${id}'s run started`,
      });
    }
    await waitFor(async () => (await platform.client.runsOf(journeyId)).runs.filter((run) => run.status === 'waiting').length === 4, {
      timeoutMs: 60_000,
      intervalMs: 300,
      description: 'all four runs waiting',
    });
    ({ browser, page } = await launchBrowser());
    await signIn(page, platform.api.url, E2E_ADMIN);
  });

  afterAll(async () => {
    if (page) {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'monitor-last.png'), fullPage: true }).catch(() => undefined);
    }
    await browser?.close();
    await platform?.stop();
  });

  const rowCustomers = () => page.locator('.runs-table tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-customer')).sort());

  it('loads the runs page without asking for a journey with no id, and without a console error', async () => {
    const asked: string[] = [];
    const consoleErrors: string[] = [];
    let inFlight = 0;
    const onRequest = (request: Request) => {
      inFlight += 1;
      asked.push(new URL(request.url()).pathname);
    };
    const onDone = () => (inFlight -= 1);
    const onConsole = (message: ConsoleMessage) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    };
    const onPageError = (error: Error) => consoleErrors.push(error.message);
    // A fresh document, so every query the page makes on load is made again. The old document is left for a blank one
    // before listening: a request of a document torn down mid-flight may report neither finished nor failed.
    await page.goto('about:blank');
    page.on('request', onRequest).on('requestfinished', onDone).on('requestfailed', onDone).on('console', onConsole).on('pageerror', onPageError);
    try {
      await page.goto(`${platform.api.url}/#/runs`);
      await expect.poll(rowCustomers, shown).toEqual(['ada', 'bob', 'cy', 'dee']);
      await page.getByLabel('Journey').locator('option', { hasText: 'Plan check' }).waitFor({ state: 'attached' });
      // Every request the load started has been answered: a request made on load cannot come later.
      await expect.poll(() => inFlight, shown).toBe(0);
    } finally {
      page.off('request', onRequest).off('requestfinished', onDone).off('requestfailed', onDone).off('console', onConsole).off('pageerror', onPageError);
    }
    expect(asked).toContain('/api/journeys');
    expect(asked.filter((path) => path === '/api/journeys/')).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('filters the runs list by journey, status, current node and customer, with counts per status on top', async () => {
    await page.goto(`${platform.api.url}/#/runs`);
    await expect.poll(rowCustomers, shown).toEqual(['ada', 'bob', 'cy', 'dee']);
    await expect.poll(() => page.getByTestId('count-waiting').textContent(), shown).toBe('4');

    await page.getByLabel('Journey').selectOption(journeyId);
    await page.getByRole('combobox', { name: 'Current step' }).selectOption('wait_free'); // a choice of steps once the journey's steps arrived
    await expect.poll(rowCustomers, shown).toEqual(['bob', 'dee']);
    await page.getByLabel('Customer').fill('dee');
    await expect.poll(rowCustomers, shown).toEqual(['dee']);
    await page.getByLabel('Customer').fill('');
    await page.getByRole('combobox', { name: 'Current step' }).selectOption('');
    await page.getByLabel('Status').selectOption('completed');
    await expect.poll(() => page.getByText('No runs match these filters').count(), shown).toBe(1);
    await page.getByLabel('Status').selectOption('');
    await expect.poll(rowCustomers, shown).toEqual(['ada', 'bob', 'cy', 'dee']);

    // Newest first by default; the Started header flips it to oldest first: the first customer tracked on top.
    const topRow = () => page.locator('.runs-table tbody tr').first().getAttribute('data-customer');
    await expect.poll(topRow, shown).toBe('dee');
    await page.getByRole('button', { name: /Started/ }).click();
    await expect.poll(topRow, shown).toBe('ada');
    expect(await page.getByRole('columnheader', { name: /Started/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it("shows a run's taken path and the branch reason, and cancels it", async () => {
    const ada = (await platform.client.runsOf(journeyId)).runs.find((run) => run.customerId === 'ada');
    await page.goto(`${platform.api.url}/#/runs/${encodeURIComponent(ada?.workflowId ?? '')}`);
    // The reason recorded by the condition split, with the value it saw.
    await page.locator('.detail-cell', { hasText: /`plan` was `pro`.*→ else/ }).first().waitFor({ timeout: 15_000 });
    // The path: the split was visited, the paid branch's wait is where ada is now, the free branch untouched.
    await expect.poll(() => page.locator(flowNode('plan_split')).getAttribute('class'), shown).toContain('is-visited');
    await expect.poll(() => page.locator(flowNode('wait_paid')).getAttribute('class'), shown).toContain('is-current');
    expect(await page.locator(flowNode('wait_free')).getAttribute('class')).not.toMatch(/is-(visited|current)/);
    expect(await page.getByRole('link', { name: 'Open in Temporal UI' }).getAttribute('href')).toContain('/workflows/journey%2F');

    await page.getByRole('button', { name: 'Cancel run' }).click();
    await page.getByRole('button', { name: 'Yes, cancel the run' }).click();
    // The workflow records its own cancellation; the page refreshes into it.
    await expect.poll(() => page.locator('.facts .badge').first().textContent(), { timeout: 20_000 }).toBe('cancelled');
  });

  it('bulk-cancels the runs matching a filter after showing their count', async () => {
    await page.goto(`${platform.api.url}/#/runs?journey=${encodeURIComponent(journeyId)}&status=waiting`);
    await expect.poll(rowCustomers, shown).toEqual(['bob', 'cy', 'dee']);
    await page.getByRole('button', { name: 'Cancel matching runs…' }).click();
    await expect.poll(() => page.getByTestId('bulk-count').textContent(), shown).toBe('3');
    await page.getByRole('button', { name: 'Cancel 3 runs' }).click();
    await page.getByText(/Cancel requested for 3 of 3 runs/).waitFor();
    await expect.poll(() => page.getByTestId('count-cancelled').textContent(), { timeout: 20_000 }).toBe('4');
    const statuses = (await platform.client.runsOf(journeyId)).runs.map((run) => run.status);
    expect(statuses).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });
});
