import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const node = (id: string) => `.react-flow__node[data-id="${id}"]`;

/** trigger → split (one branch, no conditions yet) → exits. */
const draft = {
  nodes: [
    { id: 'start', type: 'trigger', label: 'Signed up', event: 'cond_signup', reentry: { policy: 'once' }, position: { x: 300, y: 0 } },
    { id: 'send_welcome', type: 'send_email', label: 'Welcome email', templateId: 'TEMPLATE', position: { x: 300, y: 140 } },
    { id: 'split', type: 'condition_split', label: 'Bought lately?', position: { x: 300, y: 280 }, branches: [{ id: 'buyer', label: 'Buyer', condition: { match: 'all', conditions: [] } }] },
    { id: 'done', type: 'exit', label: 'Done', position: { x: 300, y: 460 } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceExit: 'next', target: 'send_welcome' },
    { id: 'e0', source: 'send_welcome', sourceExit: 'next', target: 'split' },
    { id: 'e2', source: 'split', sourceExit: 'buyer', target: 'done' },
    { id: 'e3', source: 'split', sourceExit: 'else', target: 'done' },
  ],
};

/** "purchase, at least once in the last 30 days, with amount ≥ 100": as both editors should store it. */
const bigPurchase = { kind: 'event', event: 'purchase', op: 'happened', within: { amount: 30, unit: 'days' }, where: [{ path: 'amount', op: 'gte', value: 100 }] };

describe('one condition editor: a history condition built in the journey inspector and in the segment editor', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let consoleErrors: { errors: string[] };
  let journeyId: string;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const { call, track, identify } = platform.client;
    const template = await call<{ id: string }>('POST', '/api/templates', { name: 'Welcome', subject: 'Hi', html: '<p>Hi</p>' });
    const withTemplate = { ...draft, nodes: draft.nodes.map((n) => (n.type === 'send_email' ? { ...n, templateId: template.id } : n)) };
    journeyId = (await call<{ id: string }>('POST', '/api/journeys', { name: 'Big buyers', draft: withTemplate })).id;
    await call('POST', '/api/segments', { name: 'VIPs', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'vip', op: 'eq', value: true }] } });
    await identify('cond-ann', { vip: true });
    await identify('cond-ben', {});
    await track('cond-ann', 'purchase', { amount: 150 });
    await track('cond-ben', 'purchase', { amount: 20 });
    ({ browser } = await launchBrowser());
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await signIn(page, platform.api.url, E2E_ADMIN);
    consoleErrors = watchConsoleErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const inspector = () => page.getByRole('region', { name: 'Settings of Bought lately?' });
  const serverDraft = async () => (await platform.client.call<{ draft: typeof draft }>('GET', `/api/journeys/${journeyId}`)).draft;

  it('builds "purchased ≥ 100 in the last 30 days" in a split, picks a segment and the welcome email by name, and says what each checks', async () => {
    await page.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await page.locator(node('split')).click();
    await inspector().waitFor();
    const branch = inspector().getByRole('group', { name: 'branch 1' });
    await branch.getByLabel('Add a condition').selectOption({ label: 'Event history' });
    const condition = branch.getByRole('group', { name: 'Condition 1', exact: true });
    await condition.getByLabel('Condition 1 event').fill('purchase');
    await condition.getByRole('button', { name: '+ Property filter' }).click();
    await condition.getByLabel('Condition 1 property 1', { exact: true }).fill('amount');
    await condition.getByLabel('Condition 1 property 1 operator').selectOption('gte');
    await condition.getByLabel('Condition 1 property 1 value').fill('100');
    await expect.poll(() => condition.locator('.condition-reads').textContent(), shown).toBe('Checks: purchase with amount ≥ 100 in the last 30 days (needs ≥ 1)');

    await branch.getByLabel('Add a condition').selectOption({ label: 'Segment membership' });
    const segment = branch.getByRole('group', { name: 'Condition 2', exact: true });
    await expect.poll(() => segment.getByLabel('Condition 2 segment').locator('option').allTextContents(), shown).toContain('VIPs');
    await segment.getByLabel('Condition 2 segment').selectOption({ label: 'VIPs' });
    await branch.getByLabel('Add a condition').selectOption({ label: 'Email engagement' });
    const email = branch.getByRole('group', { name: 'Condition 3', exact: true });
    await email.getByLabel('Condition 3 which email').selectOption({ label: 'the email of “Welcome email” (this run)' });
    await expect.poll(() => email.locator('.condition-reads').textContent(), shown).toBe('Checks: opened the email of “Welcome email” (this run) (needs ≥ 1)');

    await expect.poll(async () => (await serverDraft()).nodes.find((n) => n.id === 'split'), shown).toMatchObject({
      branches: [{ condition: { match: 'all', conditions: [bigPurchase, { kind: 'segment', member: true }, { kind: 'email', action: 'opened', op: 'happened', sendNodeId: 'send_welcome' }] } }],
    });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/conditions-inspector.png' });
    await inspector().screenshot({ path: '/tmp/conditions-inspector-panel.png' });
  });

  it('builds the same condition in the segment editor, previews who matches and stores the same shape', async () => {
    await page.goto(`${platform.api.url}/#/segments`);
    await page.getByRole('link', { name: 'New segment' }).click();
    await page.getByLabel('Name').fill('Big buyers');
    await page.getByLabel('Add a condition').selectOption({ label: 'Event history' });
    // No run-only kinds in a segment.
    expect(await page.getByLabel('Add a condition').locator('option').allTextContents()).not.toContain('Event in hand (property)');
    const condition = page.getByRole('group', { name: 'Condition 1', exact: true });
    await condition.getByLabel('Condition 1 event').fill('purchase');
    await condition.getByRole('button', { name: '+ Property filter' }).click();
    await condition.getByLabel('Condition 1 property 1', { exact: true }).fill('amount');
    await condition.getByLabel('Condition 1 property 1 operator').selectOption('gte');
    await condition.getByLabel('Condition 1 property 1 value').fill('100');
    await expect.poll(() => page.getByTestId('segment-size').textContent(), shown).toBe('1');
    await expect.poll(() => page.getByRole('region', { name: 'Preview' }).locator('li').allTextContents(), shown).toEqual([expect.stringContaining('cond-ann')]);
    expect(await condition.getByLabel('Condition 1 which email', { exact: true }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/conditions-segment.png', fullPage: true });

    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByRole('heading', { name: 'Segment: Big buyers' }).waitFor();
    const segments = await platform.client.call<{ segments: { name: string; definition: unknown }[] }>('GET', '/api/segments');
    expect(segments.segments.find((s) => s.name === 'Big buyers')?.definition).toEqual({ match: 'all', conditions: [bigPurchase] });
    expect(consoleErrors.errors).toEqual([]);
  });
});
