import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { launchBrowser, signIn } from './browser';
import { E2E_ADMIN, openPixelUrl, startPlatform, type Platform } from './platform';

// 2 days ≈ 17 s of real time: room for an open to reach the run during the first wait on a busy machine.
const TIME_SCALE = 1e-4;
const artifacts = join(process.cwd(), 'test-results');

type RunDetail = {
  run: { status: string; failedSteps?: number };
  steps: { nodeId: string; exit: string | null; outcome: string | null; failed?: boolean }[];
};

/** trial_started → send one email → exit. */
function oneEmailJourney(templateId: string) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'trial_started', reentry: { policy: 'once' } },
      { id: 'send_tips', type: 'send_email', templateId },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send_tips' },
      { id: 'e2', source: 'send_tips', sourceExit: 'next', target: 'done' },
    ],
  };
}

describe('engagement before a wait, and sends that fail, end to end on real processes', () => {
  let platform: Platform;
  let welcomeId: string;
  let browser: Browser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: TIME_SCALE });
    welcomeId = await platform.client.publishWelcomeJourney();
  });
  afterAll(async () => {
    if (page) {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'engagement-failures-last.png'), fullPage: true }).catch(() => undefined);
    }
    await browser?.close();
    await platform?.stop();
  });

  const runOf = (journeyId: string, customerId: string) =>
    waitFor(async () => (await platform.client.runsOf(journeyId)).runs.find((run) => run.customerId === customerId), { description: `a run for ${customerId}` });
  async function signedInPage(): Promise<Page> {
    if (page) return page;
    ({ browser, page } = await launchBrowser());
    await signIn(page, platform.api.url, E2E_ADMIN);
    return page;
  }
  const detailOf = (workflowId: string) => platform.client.call<RunDetail>('GET', `/api/runs/${encodeURIComponent(workflowId)}`);

  it('counts an open of the welcome email made during the 2-day wait: the code goes out, "Did you see this?" never does', async () => {
    await platform.client.identify('early', { email: 'early@example.com', firstName: 'Early' });
    await platform.client.track('early', 'signed_up');
    const welcome = await platform.waitForMail('early@example.com', /^Welcome, /);
    const run = await runOf(welcomeId, 'early');
    expect((await fetch(openPixelUrl(welcome))).status).toBe(200); // opened at once, while the run waits 2 days

    await platform.waitForMail('early@example.com', /^Your code /, 90_000);
    const detail = await waitFor(async () => {
      const current = await detailOf(run.workflowId);
      return current.run.status === 'completed' ? current : undefined;
    }, { timeoutMs: 30_000, description: "early's run to complete" });
    const waitOpen = detail.steps.find((step) => step.nodeId === 'wait_open');
    expect(waitOpen?.exit).toBe('matched');
    expect(waitOpen?.outcome).toMatch(/^email opened of `send_welcome` \d+ (seconds?|minutes?|hours?|days?) before this step$/);
    expect(detail.steps.map((step) => step.nodeId)).not.toContain('send_reminder');
    const subjects = (await platform.inbox('early@example.com')).map((message) => message.subject);
    expect(subjects).toEqual(['Welcome, Early', expect.stringMatching(/^Your code WELCOME10-/)]);
  });

  it('shows a run whose send failed (its template is gone) as failed on the dashboard, in the runs monitor and on its page', async () => {
    const template = await platform.client.createTemplate('Tips', 'Tips for your trial', '<p>Three tips.</p>');
    const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Trial tips', draft: oneEmailJourney(template.id) });
    await platform.client.call('POST', `/api/journeys/${journey.id}/publish`);
    // The template disappears under the live journey, with the revisions the version pinned (the API refuses that
    // delete, and a deleted template's revisions would still send; the store can still lose them).
    await platform.withDatabase(async (db) => {
      await db.prepare('delete from templates where id = ?').run(template.id);
      await db.prepare('delete from template_revisions where template_id = ?').run(template.id);
    });

    await platform.client.identify('tess', { email: 'tess@example.com' });
    await platform.client.track('tess', 'trial_started');
    const run = await runOf(journey.id, 'tess');
    const detail = await waitFor(async () => {
      const current = await detailOf(run.workflowId);
      return current.run.status === 'completed' ? current : undefined;
    }, { description: "tess's run to end" });
    expect(detail.run.failedSteps).toBe(1);
    expect(detail.steps.find((step) => step.nodeId === 'send_tips')).toMatchObject({ failed: true, outcome: expect.stringMatching(/^failed: template_missing/) });

    const dashboard = await platform.client.call<{ failedRunCount: number; failedRuns: { workflowId: string; failedSteps: number }[] }>('GET', '/api/dashboard');
    expect(dashboard.failedRunCount).toBeGreaterThanOrEqual(1);
    expect(dashboard.failedRuns).toContainEqual(expect.objectContaining({ workflowId: run.workflowId, failedSteps: 1 }));
    const withFailures = await platform.client.call<{ runs: { workflowId: string }[] }>('GET', `/api/runs?withFailures=true&journeyId=${journey.id}`);
    expect(withFailures.runs.map((listed) => listed.workflowId)).toEqual([run.workflowId]);

    // What a person sees: the dashboard names the run, the runs monitor finds it with the failures filter.
    page = await signedInPage();
    await page.goto(`${platform.api.url}/#/dashboard`);
    await expect.poll(() => page!.getByTestId('failed-run-count').textContent()).toMatch(/failed or had a failed step/);
    await expect.poll(() => page!.getByTestId('dispatch-backlog').textContent()).toBe('None: every stored event reached its journeys');
    // The API process counted every stored event into the analytics by itself (nothing read a figure).
    await expect.poll(() => page!.getByTestId('analytics-backlog').textContent()).toBe('None: the figures count every stored event');
    await expect.poll(() => page!.locator('section[aria-labelledby="dash-failed"]').getByRole('link', { name: 'tess' }).count()).toBe(1);
    await page.goto(`${platform.api.url}/#/runs`);
    await page.getByLabel('Only runs with failures').check();
    await expect.poll(() => page!.locator('.runs-table tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-customer')))).toEqual(['tess']);
    await expect.poll(() => page!.locator('.runs-table tbody tr').first().getByTestId('failed-steps').textContent()).toBe('1 step failed');
    await page.goto(`${platform.api.url}/#/runs/${encodeURIComponent(run.workflowId)}`);
    await expect.poll(() => page!.getByRole('alert').filter({ hasText: 'A step failed.' }).count()).toBe(1);
  });

  it('lets a marketer choose in the step inspector which named events a wait counts', async () => {
    const draft = {
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'plans_compared', reentry: { policy: 'once' } },
        { id: 'wait_pricing', type: 'wait_for_event', label: 'Viewed pricing?', awaited: { kind: 'event', event: 'pricing_viewed' }, timeout: { amount: 2, unit: 'days' } },
        { id: 'yes', type: 'exit' },
        { id: 'no', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'wait_pricing' },
        { id: 'e2', source: 'wait_pricing', sourceExit: 'matched', target: 'yes' },
        { id: 'e3', source: 'wait_pricing', sourceExit: 'timed_out', target: 'no' },
      ],
    };
    const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Pricing check', draft });
    const browserPage = await signedInPage();
    await browserPage.goto(`${platform.api.url}/#/journeys/${journey.id}`);
    await browserPage.locator('.react-flow__node[data-id="wait_pricing"]').click();
    const inspector = browserPage.getByRole('region', { name: 'Settings of Viewed pricing?' });
    expect(await inspector.getByLabel('Count events').inputValue()).toBe('step_entry');
    await inspector.getByLabel('Count events').selectOption('look_back');
    await inspector.getByLabel('Look back amount').fill('6');
    await inspector.getByLabel('Look back unit').selectOption('hours');
    // The saved draft's node, compared as data: Postgres's jsonb keeps an object's keys in an order of its own.
    const savedWait = async () =>
      (await platform.client.call<{ draft: { nodes: { id: string }[] } }>('GET', `/api/journeys/${journey.id}`)).draft.nodes.find((node) => node.id === 'wait_pricing');
    await expect
      .poll(savedWait, { timeout: 15_000 })
      .toMatchObject({ awaited: { countFrom: { from: 'look_back', window: { amount: 6, unit: 'hours' } } } });
  });
});
