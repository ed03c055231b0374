import { readFile } from 'node:fs/promises';
import { welcomeJourney } from '@lifecycle/journey';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const node = (id: string) => `.react-flow__node[data-id="${id}"]`;

describe('publish with a review, draft-differs badge, journeys as code', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let journeyId = '';
  let console: { errors: string[] };

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    ({ browser, page } = await launchBrowser());
    console = watchConsoleErrors(page);
    await signIn(page, platform.api.url, E2E_ADMIN);
    const { client } = platform;
    const template = async (name: string, subject: string) => (await client.createTemplate(name, subject, `<p>${subject}</p>`)).id;
    const ids = {
      welcomeTemplateId: await template('Review welcome', 'Welcome!'),
      codeTemplateId: await template('Review code', 'Your code {{ offer.code }}'),
      reminderTemplateId: await template('Review reminder', 'Still there?'),
      offerId: (await client.createOffer('REVIEW10')).id,
    };
    journeyId = (await client.call<{ id: string }>('POST', '/api/journeys', { name: 'Review series', lifecycleStage: 'onboarding', draft: welcomeJourney(ids) })).id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const badge = () => page.locator('.draft-diff-badge').textContent({ timeout: 1_000 }).catch(() => null);
  const dialog = () => page.getByRole('alertdialog');

  it('reviews the first publish ("first version: 9 steps") and confirms it', async () => {
    await page.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await page.locator(node('wait_2d')).waitFor();
    expect(await badge()).toBeNull(); // nothing live yet
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => dialog().textContent(), shown).toContain('First version: 9 steps.');
    expect(await dialog().getByRole('heading').textContent()).toBe('Publish the first version?');
    await dialog().getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Published version 1.' }).count(), shown).toBe(1);
    await expect.poll(badge, shown).toBe('Same as live v1');
  });

  it('shows "draft differs" after an edit, the changed fields in the review, and "same as live" after publishing', async () => {
    await page.locator(node('wait_2d')).click();
    await page.getByLabel('Label', { exact: true }).fill('Wait a while');
    await expect.poll(badge, shown).toBe('Draft differs from live v1 · 1 change');
    await page.locator(node('send_reminder')).click();
    await page.getByLabel('Label', { exact: true }).fill('Last call');
    await expect.poll(badge, shown).toBe('Draft differs from live v1 · 2 changes');

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const changed = dialog().getByRole('region', { name: 'Changed' });
    await expect.poll(() => changed.textContent(), shown).toContain('Label: “Wait 2 days” → “Wait a while”');
    expect(await changed.textContent()).toContain('Label: “Reminder” → “Last call”');
    expect(await dialog().textContent()).toContain('2 changes against live version 1:');
    expect(await dialog().getByRole('heading', { level: 2 }).textContent()).toBe('Publish version 2?');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/review-publish-dialog.png' });

    await dialog().getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Published version 2.' }).count(), shown).toBe(1);
    await expect.poll(badge, shown).toBe('Same as live v2');
    await page.screenshot({ path: '/tmp/review-badge-same.png' });
  });

  it('exports the journey as a .json bundle and imports it into the journeys list with a preview of the differences', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Review-series.journey.json');
    const text = await readFile(await file.path(), 'utf8');
    const bundle = JSON.parse(text);
    expect(bundle.format).toBe('lifecycle.journey/1');
    expect(bundle.templates.map((t: { name: string }) => t.name)).toEqual(['Review code', 'Review reminder', 'Review welcome']);

    // The same bundle with one wait longer: an update of "Review series".
    const changed = structuredClone(bundle);
    changed.journey.graph.nodes.find((n: { id: string }) => n.id === 'wait_2d').duration.amount = 3;
    await page.goto(`${platform.api.url}/#/journeys`);
    await page.getByRole('button', { name: 'Import' }).click();
    await dialog().getByLabel('Or paste the bundle').fill(JSON.stringify(changed));
    await dialog().getByRole('button', { name: 'Preview differences' }).click();
    const preview = dialog().getByLabel('Import preview');
    await expect.poll(() => preview.textContent(), shown).toContain('Updates the draft of “Review series”: 1 change.');
    expect(await preview.textContent()).toContain('Duration: 2 days → 3 days');
    expect(await preview.getByRole('region', { name: 'Templates' }).textContent()).toContain('Review welcome — same: used as it is');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/review-import-update.png' });
    await dialog().getByRole('button', { name: 'Cancel' }).click();

    // Under a new (hostile) name: a new journey, its name shown as text.
    const renamed = { ...bundle, journey: { ...bundle.journey, name: '<img src=x onerror=alert(1)> Prod' } };
    await page.getByRole('button', { name: 'Import' }).click();
    await dialog().getByLabel('Or paste the bundle').fill(JSON.stringify(renamed));
    await dialog().getByRole('button', { name: 'Preview differences' }).click();
    await expect.poll(() => preview.textContent(), shown).toContain('New journey “<img src=x onerror=alert(1)> Prod”: 9 steps, created as a draft.');
    await dialog().getByRole('button', { name: 'Import as draft' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Journey name' }).inputValue().catch(() => ''), shown).toBe('<img src=x onerror=alert(1)> Prod');
    await page.locator(node('wait_2d')).waitFor();
    const journeys = await platform.client.call<{ journeys: { name: string; status: string }[] }>('GET', '/api/journeys');
    expect(journeys.journeys.find((j) => j.name.endsWith('Prod'))?.status).toBe('draft');

    // A bundle that is not one: every error names its field.
    await page.goto(`${platform.api.url}/#/journeys`);
    await page.getByRole('button', { name: 'Import' }).click();
    await dialog().getByLabel('Or paste the bundle').fill(JSON.stringify({ ...bundle, format: 'other/9' }));
    await dialog().getByRole('button', { name: 'Preview differences' }).click();
    await expect.poll(() => dialog().getByRole('alert').textContent(), shown).toContain('format:');
    expect(await dialog().getByRole('button', { name: 'Import as draft' }).isDisabled()).toBe(true);
    expect(console.errors.filter((error) => !error.includes('400'))).toEqual([]);
  });
});
