import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUYER_SCRIPT, TRIAL_TEMPLATES, trialJourney } from '../../apps/api/src/simulator/simulationFixtures';
import { waitFor } from '../support/processes';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, openPixelUrl, startPlatform, type Platform } from './platform';

// The journey's 10-hour windows last 60 s of real time: room on a busy machine for the mail, its open and the purchase.
const TIME_SCALE = 1 / 600;

type Step = { nodeId: string; exit: string | null };
type Simulation = { status: string; path: Step[]; emails: { nodeId: string; subject: string; to: string }[]; problems: unknown[] };

describe('the journey simulator on the running platform', () => {
  let platform: Platform;
  let journeyId: string;
  let versionId: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: TIME_SCALE });
    const { call } = platform.client;
    const welcome = await call<{ id: string }>('POST', '/api/templates', TRIAL_TEMPLATES.welcome);
    const thanks = await call<{ id: string }>('POST', '/api/templates', TRIAL_TEMPLATES.thanks);
    const journey = await call<{ id: string }>('POST', '/api/journeys', { name: 'Trial <b>series</b>', draft: trialJourney({ welcome: welcome.id, thanks: thanks.id }) });
    journeyId = journey.id;
    versionId = (await call<{ id: string }>('POST', `/api/journeys/${journeyId}/publish`)).id;
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const simulate = (body: object) => platform.client.call<Simulation>('POST', `/api/journeys/${journeyId}/simulate`, body);
  const sequence = (steps: Step[]) => steps.map((step) => `${step.nodeId}:${step.exit ?? 'end'}`);

  it('gives the same path as a real run of the same customer and script, and touches nothing while simulating', async () => {
    const { client } = platform;
    await client.identify('parity-1', { email: 'parity@example.com', plan: 'pro', first_name: 'Pat' });
    const customerBefore = await client.call<{ customer: { traits: Record<string, unknown> } }>('GET', '/api/customers/parity-1');

    const simulated = await simulate({ version: versionId, customer: { id: 'parity-1' }, script: BUYER_SCRIPT });
    expect(simulated.status).toBe('completed');
    expect(simulated.emails.map((email) => [email.subject, email.to])).toEqual([
      ['Welcome, Pat', 'parity@example.com'],
      ['Thanks for buying, Pat', 'parity@example.com'],
    ]);
    // Nothing was written or sent: no run, no mail, the customer as they were.
    expect((await client.runsOf(journeyId)).runs).toEqual([]);
    expect(await platform.inbox('parity@example.com')).toEqual([]);
    expect((await client.call<{ customer: { traits: Record<string, unknown> } }>('GET', '/api/customers/parity-1')).customer.traits).toEqual(customerBefore.customer.traits);

    // The same customer and script for real: the open after the welcome arrives, the purchase once the run waits for it.
    await client.track('parity-1', 'trial_started');
    const welcomeMail = await platform.waitForMail('parity@example.com', /Welcome, Pat/);
    const run = await waitFor(async () => (await client.runsOf(journeyId)).runs.find((candidate) => candidate.customerId === 'parity-1'), { description: 'the real run' });
    expect((await fetch(openPixelUrl(welcomeMail))).status).toBe(200);
    await waitFor(async () => (await client.run(run.workflowId)).run.currentNodeId === 'wait_buy' || undefined, { description: 'the run waiting for the purchase', timeoutMs: 60_000 });
    await client.track('parity-1', 'purchased', { revenue: 40 });
    const real = await waitFor(
      async () => {
        const detail = await client.run(run.workflowId);
        return detail.run.status === 'completed' ? detail : undefined;
      },
      { description: 'the real run to complete', timeoutMs: 90_000 },
    );
    expect(sequence(simulated.path)).toEqual(sequence(real.steps));
    expect(sequence(real.steps)).toContain('exit_bought:end');
  });

  it('lets a marketer test the draft in the editor: the path, a branch reason and a rendered email', async () => {
    const launched = await launchBrowser();
    browser = launched.browser;
    const page: Page = launched.page;
    const consoleErrors = watchConsoleErrors(page);
    await signIn(page, platform.api.url, E2E_ADMIN);
    await page.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await page.getByRole('button', { name: 'Test this journey' }).click();
    const panel = page.getByRole('region', { name: 'Test this journey' });
    await expect.poll(() => panel.isVisible(), shown).toBe(true);

    await panel.getByRole('button', { name: 'Add a script line' }).click(); // opens the welcome email after 1 hour
    await panel.getByRole('button', { name: 'Add a script line' }).click();
    await panel.getByLabel('Line 2: what happens').selectOption('event');
    await panel.getByLabel('Line 2: event name').fill('purchased');
    await panel.getByLabel('Line 2: after how many hours').fill('2');
    await panel.getByLabel('Line 2: properties (JSON)').fill('{"revenue": 40}');
    const runsBefore = (await platform.client.runsOf(journeyId)).runs.length;
    await panel.getByRole('button', { name: 'Run the test' }).click();

    const path = panel.getByRole('list', { name: 'Simulated path' });
    await expect.poll(() => path.isVisible(), { ...shown, timeout: 90_000 }).toBe(true);
    await expect.poll(() => panel.getByText('Completed: the customer reached an exit').isVisible(), shown).toBe(true);
    const split = path.getByRole('listitem').filter({ hasText: 'Pro plan?' });
    expect(await split.innerText()).toContain('`plan` was `pro`'); // the reason, with the value the rule saw
    await split.getByText('Values seen').click();
    expect(await split.locator('pre').innerText()).toContain('"plan"');
    expect(await path.getByRole('listitem').filter({ hasText: 'Purchased?' }).innerText()).toContain('+1 h – +2 h');
    expect(await path.getByRole('listitem').filter({ hasText: 'Trial started' }).innerText()).toContain('(the draft)');
    const frame = page.frameLocator('iframe[title="Rendered email: Welcome, Ada"]');
    await expect.poll(() => frame.locator('h1').innerText(), shown).toBe('Hello Ada');
    await page.screenshot({ path: '/tmp/simulator-editor.png' });
    await panel.screenshot({ path: '/tmp/simulator-panel.png' });
    await page.locator('iframe[title="Rendered email: Welcome, Ada"]').scrollIntoViewIfNeeded();
    await panel.screenshot({ path: '/tmp/simulator-emails.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await platform.client.runsOf(journeyId)).runs).toHaveLength(runsBefore); // the simulation started no run
    expect(consoleErrors.errors).toEqual([]);
  });
});
