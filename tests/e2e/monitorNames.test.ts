import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, openPixelUrl, startPlatform, type Platform } from './platform';

// Names are hostile text: markup in a template name must show as the characters typed.
const templateName = 'Welcome <b>email</b>';
const offerName = 'Spring 20%';
const journeyName = 'Onboarding with names';
const longJourneyName = `A journey whose name goes on${' and on'.repeat(14)}`.slice(0, 119) + '.';

/** trigger → send (no label) → wait for its open → grant the offer → wait 2 days → exit; no open: another exit after 2 days. */
function namedJourney(templateId: string, offerId: string) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } },
      { id: 'send_email_1', type: 'send_email', templateId },
      { id: 'wait_1', type: 'wait_for_event', awaited: { kind: 'email_opened', sendNodeId: 'send_email_1' }, timeout: { amount: 2, unit: 'days' } },
      { id: 'offer_1', type: 'offer', offerId },
      { id: 'wait_2', type: 'wait', duration: { amount: 2, unit: 'days' } },
      { id: 'done', type: 'exit' },
      { id: 'no_open', type: 'exit', label: 'Never opened' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send_email_1' },
      { id: 'e2', source: 'send_email_1', sourceExit: 'next', target: 'wait_1' },
      { id: 'e3', source: 'wait_1', sourceExit: 'matched', target: 'offer_1' },
      // Laid out by dagre alone, this branch lands left of the matched one.
      { id: 'e4', source: 'wait_1', sourceExit: 'timed_out', target: 'no_open' },
      { id: 'e5', source: 'offer_1', sourceExit: 'next', target: 'wait_2' },
      { id: 'e6', source: 'wait_2', sourceExit: 'next', target: 'done' },
    ],
  };
}

describe('monitoring speaks in names, in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let console: { errors: string[] };
  let journeyId: string;
  let longJourneyId: string;
  let templateId: string;
  let offerId: string;
  let adaRun: string;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    templateId = (await platform.client.createTemplate(templateName, 'Welcome aboard', '<p>Hello</p>')).id;
    offerId = (await platform.client.call<{ id: string }>('POST', '/api/offers', { name: offerName, codeSource: 'generated', codePrefix: 'SPRING' })).id;
    journeyId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: journeyName, draft: namedJourney(templateId, offerId) })).id;
    await platform.client.call('POST', `/api/journeys/${journeyId}/publish`);
    longJourneyId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: longJourneyName, draft: { nodes: [], edges: [] } })).id;

    await platform.client.identify('ada', { name: 'Ada Lovelace', email: 'ada@example.com' });
    await platform.client.identify('bob', { first_name: 'Bob', last_name: 'Stone', email: 'bob@example.com' });
    await platform.client.track('ada', 'signed_up');
    await platform.client.track('bob', 'signed_up');
    // Ada opens her email: her run is granted the offer and waits 2 days; Bob never opens and waits for it.
    const welcome = await platform.waitForMail('ada@example.com', /^Welcome aboard$/, 150_000);
    expect((await fetch(openPixelUrl(welcome))).status).toBe(200);
    const runs = await waitFor(
      async () => {
        const { runs: all } = await platform.client.runsOf(journeyId);
        const at = (customerId: string) => all.find((run) => run.customerId === customerId && run.status === 'waiting')?.currentNodeId;
        return at('ada') === 'wait_2' && at('bob') === 'wait_1' ? all : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 300, description: 'ada past the offer, bob waiting for his open' },
    );
    adaRun = runs.find((run) => run.customerId === 'ada')?.workflowId ?? '';

    ({ browser } = await launchBrowser({ width: 1280, height: 720 }));
    // The app's CSP (script-src 'self') would refuse the axe-core script the accessibility check injects.
    page = await browser.newPage({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
    await signIn(page, platform.api.url, E2E_ADMIN);
    console = watchConsoleErrors(page);
    // A busy machine (many test processes on 2 cores) can take minutes to start the platform and run the journey.
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const row = (customerId: string) => page.locator(`.runs-table tbody tr[data-customer="${customerId}"]`);
  const cells = (customerId: string) => row(customerId).locator('td').allInnerTexts();

  it('lists runs by customer, journey, version and current step names, with the ids on hover', async () => {
    await page.goto(`${platform.api.url}/#/runs`);
    await expect.poll(() => row('bob').count(), shown).toBe(1);
    const version = /^v1 \(published \d{1,2} [A-Z][a-z]{2}\)$/;
    await expect.poll(async () => (await cells('bob')).slice(0, 5).map((text) => text.trim()), shown).toEqual([
      'Bob Stone',
      journeyName,
      expect.stringMatching(version),
      'waiting',
      `Wait for open of “${templateName}”`,
    ]);
    await expect.poll(async () => (await cells('ada'))[4]?.trim(), shown).toBe('Wait 2 days');
    expect((await cells('ada'))[0]?.trim()).toBe('Ada Lovelace');
    // The ids are a hover away.
    expect(await row('bob').getByRole('link', { name: 'Bob Stone' }).getAttribute('title')).toBe('Customer id: bob');
    expect(await row('bob').locator('td').nth(4).getAttribute('title')).toContain('node id: wait_1');
    expect(await row('bob').locator('td').nth(1).getAttribute('title')).toContain(journeyId);
    const tableText = await page.locator('.runs-table').innerText();
    for (const id of [journeyId, templateId, 'wait_1', 'wait_2']) expect(tableText).not.toContain(id);

    await page.screenshot({ path: '/tmp/names-runs-list.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(console.errors).toEqual([]);
  });

  it("titles a run by its customer and journey, names its version, steps and path, and keeps the ids on hover", async () => {
    await page.goto(`${platform.api.url}/#/runs/${encodeURIComponent(adaRun)}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), shown).toBe(`Ada Lovelace in ${journeyName}`);
    const fact = (term: string) => page.locator('.facts div', { has: page.locator('dt', { hasText: term }) }).locator('dd');
    expect(await fact('Version').innerText()).toMatch(/^v1 \(published \d{1,2} [A-Z][a-z]{2}\)$/);
    expect(await fact('Version').getAttribute('title')).toMatch(/^Version id: /);
    await expect.poll(() => fact('Current step').innerText(), shown).toBe('Wait 2 days');
    expect(await fact('Current step').getAttribute('title')).toBe('Node id: wait_2');
    expect(await page.getByRole('heading', { level: 1 }).locator('span').first().getAttribute('title')).toBe('Customer id: ada');

    // The steps, by name; the wait's outcome names the email it waited for, not its node id.
    const steps = page.locator('section[aria-labelledby="run-steps"]');
    const stepNames = () => steps.locator('td.step-name').evaluateAll((tds) => tds.map((td) => td.firstChild?.textContent ?? ''));
    await expect.poll(stepNames, shown).toEqual(['When “signed_up”', `Send “${templateName}”`, `Wait for open of “${templateName}”`, `Grant offer “${offerName}”`, 'Wait 2 days']);
    expect(await steps.locator('td.step-name').nth(2).getAttribute('title')).toBe('Node id: wait_1');
    const stepsText = await steps.innerText();
    expect(stepsText).toContain(`email opened of Send “${templateName}”`);
    for (const id of ['send_email_1', 'wait_1', 'offer_1', templateId, offerId]) expect(stepsText).not.toContain(id);

    // The path on the canvas: the wait card names the email, the send its template, the offer card the offer.
    const summary = (nodeId: string) => page.locator(`.react-flow__node[data-id="${nodeId}"] .journey-node-summary`).innerText();
    await expect.poll(() => summary('wait_1'), shown).toBe(`Wait for open of “${templateName}”, up to 2 days`);
    expect(await summary('send_email_1')).toBe(`Send “${templateName}”`);
    expect(await summary('offer_1')).toBe(`Grant offer “${offerName}”`);
    // Rendered as text: no <b> element was made from the template's name.
    expect(await page.locator('.react-flow__node b, .run-steps b, h1 b').count()).toBe(0);

    await page.screenshot({ path: '/tmp/names-run-page.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(console.errors).toEqual([]);
  });

  it("draws the run's path with the wait's matched branch on the left and timed out on the right, as its card's handles are", async () => {
    await page.goto(`${platform.api.url}/#/runs/${encodeURIComponent(adaRun)}`);
    const card = (nodeId: string) => page.locator(`.react-flow__node[data-id="${nodeId}"]`);
    await card('no_open').waitFor();
    const x = async (nodeId: string) => (await card(nodeId).boundingBox())?.x ?? Number.NaN;
    // matched leads to the offer, timed out to "Never opened": the first left of the second, so the wires do not cross.
    expect(await x('offer_1')).toBeLessThan(await x('no_open'));
    const handleX = async (exit: string) => (await card('wait_1').locator(`.react-flow__handle[data-handleid="${exit}"]`).boundingBox())?.x ?? Number.NaN;
    expect(await handleX('matched')).toBeLessThan(await handleX('timed_out'));
    await page.locator('.canvas').screenshot({ path: '/tmp/names-run-path.png' });
    expect(console.errors).toEqual([]);
  });

  it('filters runs by the step they are at, chosen by name once a journey is chosen', async () => {
    await page.goto(`${platform.api.url}/#/runs`);
    await expect.poll(() => row('bob').count(), shown).toBe(1);
    const step = page.getByLabel('Current step');
    // Before a journey is chosen there are no steps to name: a node id may be typed.
    expect(await step.evaluate((el) => (el as unknown as { tagName: string }).tagName)).toBe('INPUT');
    await page.getByLabel('Journey').selectOption(journeyId);
    const waitForOpen = `Wait for open of “${templateName}”`;
    await step.locator('option', { hasText: waitForOpen }).waitFor({ state: 'attached' });
    const options = (await step.locator('option').allTextContents()).map((text) => text.trim());
    expect(options).toEqual(expect.arrayContaining(['Any step', `Send “${templateName}”`, waitForOpen, `Grant offer “${offerName}”`, 'Wait 2 days', 'Never opened']));
    for (const id of ['wait_1', 'wait_2', 'offer_1', templateId, offerId]) expect(options.join(' ')).not.toContain(id);

    await step.selectOption({ label: waitForOpen });
    await expect.poll(() => page.locator('.runs-table tbody tr').evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-customer'))), shown).toEqual(['bob']);
    await step.selectOption({ label: 'Wait 2 days' });
    await expect.poll(() => page.locator('.runs-table tbody tr').evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-customer'))), shown).toEqual(['ada']);
    expect(await step.getAttribute('title')).toBe('Node id: wait_2');
    await page.screenshot({ path: '/tmp/names-step-filter.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(console.errors).toEqual([]);
  });

  it('keeps the filter bar in the window with a 120-character journey name, cut short with the full name on hover', async () => {
    expect(longJourneyName).toHaveLength(120);
    await page.goto(`${platform.api.url}/#/runs`);
    const journeySelect = page.getByLabel('Journey');
    await journeySelect.locator('option', { hasText: longJourneyName }).waitFor({ state: 'attached' });
    await journeySelect.selectOption(longJourneyId);
    await expect.poll(() => journeySelect.getAttribute('title'), shown).toBe(longJourneyName);
    await page.getByText('No runs of this journey yet').waitFor();
    const box = await page.getByRole('form', { name: 'Run filters' }).boundingBox();
    const selectBox = await journeySelect.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(1280);
    expect(selectBox?.width).toBeLessThanOrEqual(300);
    // Nothing on the page is pushed past the window's right edge.
    const pageWidth = () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth;
    expect(await page.evaluate(pageWidth)).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: '/tmp/names-long-filter.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(console.errors).toEqual([]);
  });
});
