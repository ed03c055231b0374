import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUYER_SCRIPT, TRIAL_TEMPLATES, trialJourney } from '../../apps/api/src/simulator/simulationFixtures';
import { waitFor } from '../support/processes';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { apiTokenFor } from './journeyClient';
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

  it('marks the step whose email does not render on the canvas, and clears the mark when the panel closes', async () => {
    const { call } = platform.client;
    // Renders on the editor's sample data (no `rows`), but not for a customer whose `rows` makes it exceed the render limits.
    const grid = '{% for i in (1..customer.rows) %}{% for j in (1..customer.rows) %}<td>{{ i }}{{ j }}</td>{% endfor %}{% endfor %}';
    const broken = await call<{ id: string }>('POST', '/api/templates', { name: 'Broken welcome', subject: 'Hi {{ customer.first_name }}', html: `<table><tr>${grid}</tr></table>` });
    const thanks = await call<{ id: string }>('POST', '/api/templates', { ...TRIAL_TEMPLATES.thanks, name: 'Thanks (broken test)' });
    const journey = await call<{ id: string }>('POST', '/api/journeys', { name: 'Broken welcome test', draft: trialJourney({ welcome: broken.id, thanks: thanks.id }) });
    browser ??= (await launchBrowser()).browser;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const consoleErrors = watchConsoleErrors(page);
    await signIn(page, platform.api.url, E2E_ADMIN);
    await page.goto(`${platform.api.url}/#/journeys/${journey.id}`);
    const welcomeCard = page.locator('.react-flow__node[data-id="send_welcome"]');
    await expect.poll(() => welcomeCard.isVisible(), shown).toBe(true);
    expect(await welcomeCard.innerText()).not.toContain('does not render'); // the draft itself is valid: nothing marked before the test
    await page.getByRole('button', { name: 'Test this journey' }).click();
    const panel = page.getByRole('region', { name: 'Test this journey' });
    await expect.poll(() => panel.isVisible(), shown).toBe(true);
    await panel.getByLabel('Sample traits (JSON)').fill('{"first_name": "Ada", "plan": "pro", "rows": 100000}');
    await panel.getByRole('button', { name: 'Run the test' }).click();
    await expect.poll(() => panel.getByRole('list', { name: 'Problems' }).isVisible(), { ...shown, timeout: 90_000 }).toBe(true);
    // The failure is on the step it happened on, where the marketer looks first.
    await expect.poll(() => welcomeCard.innerText(), shown).toContain('In the test run: template "Broken welcome" does not render');
    expect(await welcomeCard.getByRole('img', { name: '1 problem' }).isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/simulator-node-problem.png' });
    await panel.getByRole('button', { name: /Close/ }).click();
    await expect.poll(() => welcomeCard.innerText(), shown).not.toContain('does not render');
    expect(consoleErrors.errors).toEqual([]);
    await page.close();
  });

  it('shows the webhook call and the team alert a draft would make, with secrets by name, and calls nothing', async () => {
    const { call } = platform.client;
    const draft = {
      nodes: [
        { id: 'start', type: 'trigger', event: 'lead_created' },
        {
          id: 'call_crm',
          type: 'webhook',
          label: 'Tell the CRM',
          method: 'POST',
          url: 'https://crm.example.com/hooks/leads',
          headers: [{ name: 'Authorization', value: 'Bearer {{ secrets.CRM_TOKEN }}' }],
          body: '{"email": {{ customer.email | json }}}',
        },
        { id: 'tell_owner', type: 'notify_team', label: 'Tell sales', recipient: { kind: 'address', address: 'sales@example.com' } },
        { id: 'done', type: 'exit' },
        { id: 'gave_up', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'start', sourceExit: 'next', target: 'call_crm' },
        { id: 'e2', source: 'call_crm', sourceExit: 'succeeded', target: 'tell_owner' },
        { id: 'e3', source: 'call_crm', sourceExit: 'failed', target: 'gave_up' },
        { id: 'e4', source: 'tell_owner', sourceExit: 'next', target: 'done' },
      ],
    };
    const journey = await call<{ id: string }>('POST', '/api/journeys', { name: 'Lead alerts', draft });
    // Secrets are admin-only; the simulation names the secret and never shows its value.
    await call('PUT', '/api/secrets/CRM_TOKEN', { value: 'crm-token-1' }, { authorization: `Bearer ${await apiTokenFor(platform.api.url, E2E_ADMIN, 'admin')}` });
    browser ??= (await launchBrowser()).browser;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const consoleErrors = watchConsoleErrors(page);
    await signIn(page, platform.api.url, E2E_ADMIN);
    await page.goto(`${platform.api.url}/#/journeys/${journey.id}`);
    await page.getByRole('button', { name: 'Test this journey' }).click();
    const panel = page.getByRole('region', { name: 'Test this journey' });
    await expect.poll(() => panel.isVisible(), shown).toBe(true);
    await panel.getByRole('button', { name: 'Run the test' }).click();

    const calls = panel.getByRole('list', { name: 'Calls and team alerts' });
    await expect.poll(() => panel.getByRole('list', { name: 'Simulated path' }).isVisible(), { ...shown, timeout: 90_000 }).toBe(true);
    await expect.poll(() => calls.isVisible(), shown).toBe(true);
    const webhook = calls.getByRole('listitem').filter({ hasText: 'Webhook: POST https://crm.example.com/hooks/leads' });
    // Header names go out lower-cased (as HTTP/2 and Node send them); the idempotency key is shown as it would be sent.
    expect(await webhook.innerText()).toContain('authorization: Bearer «secret CRM_TOKEN»');
    expect(await webhook.innerText()).toMatch(/idempotency-key: lc_\S+/);
    expect(await webhook.innerText()).toContain('Tell the CRM');
    expect(await panel.innerText()).not.toContain('crm-token-1');
    expect(await calls.getByRole('listitem').filter({ hasText: 'Team email: sales@example.com' }).isVisible()).toBe(true);
    await calls.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: '/tmp/lead-simulator-calls.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(consoleErrors.errors).toEqual([]);
    await page.close();
  });
});
