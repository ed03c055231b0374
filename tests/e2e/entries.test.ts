import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

describe('scheduled entries and the workspace time zone, in the browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let consoleErrors: { errors: string[] };
  let journeyId: string;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const template = await platform.client.createTemplate('Weekly digest', 'Your week', '<p>Hi</p>');
    const draft = {
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'always' }, position: { x: 0, y: 0 } },
        { id: 'send', type: 'send_email', templateId: (template).id, position: { x: 0, y: 200 } },
      ],
      edges: [{ id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' }],
    };
    journeyId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Weekly digest', draft })).id;
    ({ browser } = await launchBrowser());
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await signIn(page, platform.api.url, E2E_ADMIN);
    consoleErrors = watchConsoleErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('an admin sets the workspace time zone; an unknown zone is refused, naming the field', async () => {
    await page.goto(`${platform.api.url}/#/admin/workspace`);
    const zone = page.getByRole('combobox', { name: 'Workspace time zone' });
    await expect.poll(() => zone.inputValue(), shown).toBe('UTC');
    await zone.fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save time zone' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), shown).toBe('Pick a time zone by its name, for example Europe/Paris or America/New_York');
    await zone.fill('America/New_York');
    await page.getByRole('button', { name: 'Save time zone' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), shown).toBe('Workspace time zone set to America/New_York.');
    await page.screenshot({ path: '/tmp/entries-workspace-zone.png' });
    expect(await platform.client.call('GET', '/api/workspace/settings')).toEqual({ timeZone: 'America/New_York' });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('a marketer configures a weekly schedule in the inspector and sees the next entries at 09:00 local', async () => {
    consoleErrors.errors.length = 0; // the refused zone above answered 400 on purpose
    await page.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.locator('.react-flow__node-trigger').click();
    const inspector = page.getByRole('region', { name: /^Settings of/ });
    await inspector.waitFor();
    await inspector.getByRole('combobox', { name: 'Starts when' }).selectOption({ label: 'a schedule' });
    await inspector.getByRole('combobox', { name: 'Repeats' }).selectOption({ label: 'every week on chosen days' });
    await inspector.getByRole('checkbox', { name: 'Mon' }).check();
    await inspector.getByRole('checkbox', { name: 'Thu' }).check();
    await inspector.getByLabel('Time of day').fill('09:00');
    // The preview reads the workspace's zone (America/New_York, set above) for a customer without a `timezone` trait.
    const preview = page.getByRole('region', { name: 'Next entries' });
    await expect.poll(() => preview.getByRole('listitem').count(), shown).toBe(5);
    const items = await preview.getByRole('listitem').allTextContents();
    for (const item of items) expect(item).toMatch(/^(Mon|Thu) \d+ \w+ \d{4}, 09:00 E[SD]T$/);
    expect(await preview.textContent()).toContain('For a customer in America/New_York');
    await expect.poll(() => page.getByText('All changes saved').count(), shown).toBe(1);
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/entries-inspector-weekly.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Saved as the journey's trigger, and the API previews the same entries for a customer in Paris.
    await platform.client.identify('paris-reader', { email: 'paris@example.com', timezone: 'Europe/Paris' });
    const journey = await platform.client.call<{ draft: { nodes: { type: string; entry?: unknown }[] } }>('GET', `/api/journeys/${journeyId}`);
    expect(journey.draft.nodes.find((node) => node.type === 'trigger')?.entry).toEqual({ kind: 'schedule', recurrence: { every: 'week', weekdays: ['mon', 'thu'] }, time: '09:00', zone: { kind: 'customer' } });
    const paris = await platform.client.call<{ occurrences: { local: string }[] }>('GET', `/api/journeys/${journeyId}/schedule/preview?customerId=paris-reader`);
    expect(paris.occurrences.map((item) => item.local)).toHaveLength(5);
    for (const item of paris.occurrences) expect(item.local).toMatch(/^(Mon|Thu) .*, 09:00 GMT\+[12]$/);
    expect(consoleErrors.errors).toEqual([]);
  });
});
