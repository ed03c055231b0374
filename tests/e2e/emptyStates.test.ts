import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors, type AxeViolation } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const artifacts = join(process.cwd(), 'test-results');

/**
 * A page of the app while it holds nothing: the empty-state titles it must show (`EmptyState`'s `.empty-title`), other
 * sentences that say a part of it is empty, and whether it may hold a table at all (an analytics figure keeps its
 * per-period table of zeros, but never a table without a row).
 */
type EmptyStop = { name: string; hash: string; titles?: string[]; notes?: string[]; tables?: 'none' | 'with rows' };

/** A page the main accessibility walk does not visit, and what shows once its content has arrived. */
type Stop = { name: string; hash: string; content: (page: Page) => Locator[]; ready?: (page: Page) => Promise<void> };

const ANALYTICS_EMPTY: Record<string, string[]> = {
  stages: ['Nothing in this range.'],
  retention: ['Cohort retention heatmap: No data in this range yet.', 'Nothing in this range.'],
  value: ['Revenue per week in USD: No data in this range yet.', 'Nothing in this range.'],
  acquisition: ['CAC and predicted CLV per channel in USD: No data in this range yet.', 'No spend entered yet.'],
  surveys: ['No answers in this range.'],
  health: ['Nothing in this range.'],
  journeys: ['No journey has sent an email yet.'],
  experiments: ['No journey has a random split yet.'],
  settings: ['No rates: amounts in other currencies are not counted (and are reported apart).'],
};

describe('every list says what it is for while it is empty, in a real browser (issue 16)', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let console: { errors: string[] };

  beforeAll(async () => {
    // A fresh platform: nothing is created through the API before the empty walk (an API token would be a row in the
    // tokens tab and in the audit log).
    platform = await startPlatform({ timeScale: 1 });
    ({ browser, page } = await launchBrowser());
    console = watchConsoleErrors(page);
    mkdirSync(artifacts, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  /** Tables with a header and no row: what the audit log showed before it had an empty state. */
  const blankTables = () => page.locator('main table').filter({ hasNot: page.locator('tbody tr') });
  const loading = () => page.getByText(/^Loading .*…$/);
  const shot = (name: string) => page.screenshot({ path: join(artifacts, `empty-${name.replace(/\W+/g, '-')}.png`), fullPage: true });

  /** Opens an empty page and checks it says so; returns axe's serious and critical findings there. */
  async function visitEmpty(stop: EmptyStop): Promise<AxeViolation[]> {
    await page.goto(`${platform.api.url}/${stop.hash}`);
    for (const title of stop.titles ?? []) await page.locator('.empty-title').filter({ hasText: title }).first().waitFor({ timeout: shown.timeout });
    for (const note of stop.notes ?? []) await page.getByText(note, { exact: true }).first().waitFor({ timeout: shown.timeout });
    await expect.poll(() => loading().count(), shown).toBe(0);
    // Each title exactly as written (hasText above matches a part), and nothing but the expected ones.
    expect(await page.locator('.empty-title').allTextContents(), stop.name).toEqual(stop.titles ?? []);
    expect(await blankTables().count(), `${stop.name}: a table without rows`).toBe(0);
    if ((stop.tables ?? 'none') === 'none') expect(await page.locator('main table').count(), `${stop.name}: a table on an empty page`).toBe(0);
    await shot(stop.name);
    return seriousA11yViolations(page);
  }

  it('on a fresh platform every list page shows its empty state, never a bare table; axe finds nothing serious', async () => {
    await signIn(page, platform.api.url, E2E_ADMIN);
    const stops: EmptyStop[] = [
      { name: 'journeys', hash: '#/journeys', titles: ['No journeys yet'] },
      { name: 'customers', hash: '#/customers', titles: ['No customers yet'] },
      { name: 'segments', hash: '#/segments', titles: ['No segments yet'] },
      { name: 'templates', hash: '#/templates', titles: ['No templates yet'], notes: ['No topics yet: every email is governed by the customer\'s global subscription only.'] },
      { name: 'offers', hash: '#/offers', titles: ['No offers yet'] },
      { name: 'runs', hash: '#/runs', titles: ['No runs yet'] },
      { name: 'outbox', hash: '#/outbox', titles: ['No mail yet'] },
      { name: 'dashboard', hash: '#/dashboard', notes: ['No activity is failing.', 'No run failed in the last 24 hours.'], tables: 'with rows' },
      ...Object.entries(ANALYTICS_EMPTY).map(([tab, notes]): EmptyStop => ({ name: `analytics ${tab}`, hash: `#/analytics/${tab}`, notes, tables: 'with rows' })),
      // The audit log first: the write-key revoke below is its first entry.
      { name: 'admin audit', hash: '#/admin/audit', titles: ['Nothing recorded yet'] },
      { name: 'admin tokens', hash: '#/admin/tokens', titles: ['No API tokens yet'] },
      { name: 'admin outbound', hash: '#/admin/outbound', titles: ['No secrets yet', 'No private hosts allowed'] },
      { name: 'admin suppressions', hash: '#/admin/suppressions', titles: ['No suppressed addresses'] },
    ];
    const violations: Record<string, AxeViolation[]> = {};
    for (const stop of stops) {
      const found = await visitEmpty(stop);
      if (found.length) violations[stop.name] = found;
    }

    // The platform starts with one write key (the one its configuration names): revoke it as an admin would.
    await page.goto(`${platform.api.url}/#/admin/write-keys`);
    await page.getByRole('row').filter({ hasText: 'bootstrap' }).getByRole('button', { name: 'Revoke' }).click();
    const writeKeys = await visitEmpty({ name: 'admin write keys', hash: '#/admin/write-keys', titles: ['No write keys yet'] });
    if (writeKeys.length) violations['admin write keys'] = writeKeys;

    // The stages page starts with the default rules; removing every one (unsaved) says what that means.
    await page.goto(`${platform.api.url}/#/settings/stages`);
    const removeRule = page.getByRole('button', { name: /^Remove rule \d+$/ });
    await removeRule.first().waitFor({ timeout: shown.timeout });
    while ((await removeRule.count()) > 0) {
      const before = await removeRule.count();
      await removeRule.first().click();
      await expect.poll(() => removeRule.count(), shown).toBe(before - 1);
    }
    await page.getByText('No rules: customers change stage only through journeys and the API.').waitFor({ timeout: shown.timeout });
    await shot('stages no rules');
    const stages = await seriousA11yViolations(page);
    if (stages.length) violations['stages, no rules'] = stages;

    expect(violations).toEqual({});
    expect(console.errors).toEqual([]);
  }, 600_000);

  it('axe on the pages the main walk does not visit: an offer, workspace, webhooks, suppressions, a journey\'s runs', async () => {
    const { client } = platform;
    const offer = await client.call<{ id: string }>('POST', '/api/offers', { name: 'Spring twenty', codeSource: 'generated', codePrefix: 'SPRING20-', description: 'Twenty off the first order', discount: { kind: 'percent', value: 20 } });
    const template = await client.createTemplate('Spring code', 'Your code {{ offer.code }}', '<p>Here is your code: <b>{{ offer.code }}</b></p>');
    const journey = await client.call<{ id: string }>('POST', '/api/journeys', {
      name: 'Spring offer',
      draft: {
        nodes: [
          { id: 'start', type: 'trigger', event: 'spring_joined', reentry: { policy: 'once' } },
          { id: 'grant', type: 'offer', offerId: offer.id },
          { id: 'send', type: 'send_email', templateId: template.id },
          { id: 'end', type: 'exit' },
        ],
        edges: [
          { id: 'e1', source: 'start', sourceExit: 'next', target: 'grant' },
          { id: 'e2', source: 'grant', sourceExit: 'next', target: 'send' },
          { id: 'e3', source: 'send', sourceExit: 'next', target: 'end' },
        ],
      },
    });
    await client.call('POST', `/api/journeys/${journey.id}/publish`);

    const stops: Stop[] = [
      { name: 'offer', hash: `#/offers/${offer.id}`, content: (p) => [p.getByRole('heading', { name: 'Spring twenty', level: 1 }), p.locator('.empty-title').filter({ hasText: 'No codes issued yet' })] },
      { name: 'admin workspace', hash: '#/admin/workspace', content: (p) => [p.locator('button:enabled', { hasText: 'Save time zone' }), p.getByRole('form', { name: 'Sending rules' })] },
      { name: 'admin outbound', hash: '#/admin/outbound', content: (p) => [p.getByRole('form', { name: 'Set a secret' }), p.locator('.empty-title').filter({ hasText: 'No private hosts allowed' })] },
      { name: 'admin suppressions', hash: '#/admin/suppressions', content: (p) => [p.locator('.empty-title').filter({ hasText: 'No suppressed addresses' })] },
      {
        name: 'journey runs',
        hash: `#/runs?journey=${encodeURIComponent(journey.id)}`,
        content: (p) => [p.locator('.empty-title').filter({ hasText: 'No runs of this journey yet' })],
        // The journey filter names the journey (its title is the chosen option's name) once the journey list has arrived.
        ready: async (p) => {
          await expect.poll(() => p.getByLabel('Journey').getAttribute('title'), shown).toBe('Spring offer');
        },
      },
    ];
    const violations: Record<string, AxeViolation[]> = {};
    for (const stop of stops) {
      await page.goto(`${platform.api.url}/${stop.hash}`);
      for (const content of stop.content(page)) await content.first().waitFor({ timeout: shown.timeout });
      await stop.ready?.(page);
      await expect.poll(() => loading().count(), shown).toBe(0);
      await shot(`walk ${stop.name}`);
      const found = await seriousA11yViolations(page);
      if (found.length) violations[stop.name] = found;
    }
    expect(violations).toEqual({});
    expect(console.errors).toEqual([]);
  }, 300_000);
});
