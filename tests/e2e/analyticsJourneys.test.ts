import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, openPixelUrl, startPlatform, type Platform } from './platform';

// 1 day (the wait for an open) ≈ 8.6 s of real time; the 7-day goal window ≈ 60 s inside the workflow.
const TIME_SCALE = 1e-4;
const artifacts = join(process.cwd(), 'test-results');

/** trial_started → send the tips → wait up to a day for their open → matched: done_a / timed out: done_b. */
function tipsJourney(templateId: string) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'trial_started', reentry: { policy: 'once' } },
      { id: 'send_tips', type: 'send_email', templateId },
      { id: 'wait_open', type: 'wait_for_event', awaited: { kind: 'email_opened', sendNodeId: 'send_tips' }, timeout: { amount: 1, unit: 'days' } },
      { id: 'done_a', type: 'exit' },
      { id: 'done_b', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send_tips' },
      { id: 'e2', source: 'send_tips', sourceExit: 'next', target: 'wait_open' },
      { id: 'e3', source: 'wait_open', sourceExit: 'matched', target: 'done_a' },
      { id: 'e4', source: 'wait_open', sourceExit: 'timed_out', target: 'done_b' },
    ],
  };
}

describe('journey analytics in the browser', () => {
  let platform: Platform;
  let browser: Browser | undefined;
  let page: Page;
  let journeyId: string;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: TIME_SCALE });
    ({ browser, page } = await launchBrowser());
    await signIn(page, platform.api.url, E2E_ADMIN);
  });
  afterAll(async () => {
    if (page) {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'analytics-journeys-last.png'), fullPage: true }).catch(() => undefined);
    }
    await browser?.close();
    await platform?.stop();
  });

  const statusOf = (customerId: string, status: string) =>
    waitFor(async () => (await platform.client.runsOf(journeyId)).runs.find((run) => run.customerId === customerId && run.status === status), { timeoutMs: 60_000, description: `${customerId}'s run ${status}` });

  it('sets a goal in the editor and publishes it', async () => {
    const template = await platform.client.createTemplate('Tips', 'Tips for your trial', '<p>Here are some tips.</p>');
    journeyId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Trial tips', draft: tipsJourney(template.id) })).id;
    await page.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByLabel('A run converts when the customer').selectOption('event');
    await page.getByLabel('Goal event').fill('upgraded');
    await expect.poll(async () => (await platform.client.call<{ draft: { goal?: unknown } }>('GET', `/api/journeys/${journeyId}`)).draft.goal, shown).toEqual({ event: 'upgraded', window: { amount: 7, unit: 'days' } });
    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), shown).toBe('saved');
    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, showing what changed against the live version.
    await page.getByRole('alertdialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1.').waitFor();
  });

  it('shows the hand-worked figures on the canvas overlay and the Journeys tab', async () => {
    for (const id of ['ann', 'ben', 'cat']) {
      await platform.client.identify(id, { email: `${id}@example.com` });
      await platform.client.track(id, 'trial_started');
    }
    for (const id of ['ann', 'ben', 'cat']) await platform.waitForMail(`${id}@example.com`, /^Tips for your trial$/);
    // ann upgrades while her run waits: it ends converted. ben opens the tips (matched), then upgrades after his run
    // ended, within the 7-day window: a late conversion. cat does nothing and times out.
    await platform.client.track('ann', 'upgraded');
    const bensMail = await platform.waitForMail('ben@example.com', /^Tips for your trial$/);
    expect((await fetch(openPixelUrl(bensMail))).status).toBe(200);
    await statusOf('ann', 'converted');
    await statusOf('ben', 'completed');
    await platform.client.track('ben', 'upgraded');
    await statusOf('cat', 'completed');

    const journey = await platform.client.call<{ liveVersionId: string }>('GET', `/api/journeys/${journeyId}`);
    await page.goto(`${platform.api.url}/#/journeys/${journeyId}?version=${journey.liveVersionId}`);
    await page.getByLabel('Show analytics').check();
    const badge = (nodeId: string, testId: string) => page.locator(`[data-testid="node-analytics-${nodeId}"] [data-testid="${testId}"]`).textContent();
    // All three reached the wait; ann's ended there on the goal, ben's left by matched, cat's by timed out: 2 passed on, 1 each (50 %).
    await expect.poll(() => badge('wait_open', 'reached'), { timeout: 30_000, interval: 500 }).toBe('3');
    expect(await badge('wait_open', 'passed-on')).toBe('2');
    expect(await badge('wait_open', 'exit-matched')).toBe('matched: 1 (50.0%)');
    expect(await badge('wait_open', 'exit-timed_out')).toBe('timed_out: 1 (50.0%)');
    expect(await badge('trigger', 'reached')).toBe('3');
    expect(await badge('done_a', 'reached')).toBe('1');
    // 3 sent and delivered; 1 unique open (ben) → 1 ÷ 3 = 33.3 %; no clicks → 0.0 %.
    await expect.poll(() => badge('send_tips', 'opens'), shown).toBe('1');
    expect(await badge('send_tips', 'sent')).toBe('3');
    expect(await badge('send_tips', 'delivered')).toBe('3');
    expect(await badge('send_tips', 'open-rate')).toBe('33.3%');
    expect(await badge('send_tips', 'click-rate')).toBe('0.0%');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'analytics-journeys-overlay.png') });

    await page.goto(`${platform.api.url}/#/analytics/journeys`);
    const row = page.getByRole('row').filter({ hasText: 'Trial tips' });
    // entered 3, in progress 0, completed 2 (ben, cat), failed 0, converted 2 (ann in the run, ben after it), 2 ÷ 3 = 66.7 %.
    await expect.poll(async () => (await row.locator('td').allTextContents()).slice(1, 7), shown).toEqual(['3', '0', '2', '0', '2', '66.7%']);
    const template = page.getByRole('row').filter({ hasText: 'Tips' }).filter({ hasNotText: 'Trial' });
    expect((await template.locator('td').allTextContents()).slice(1, 9)).toEqual(['1', '3', '3', '0', '1', '0', '0', '33.3%']);
  });
});
