import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

describe('sending rules (frequency cap, quiet hours) in the admin workspace tab', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let consoleErrors: { errors: string[] };

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    ({ browser, page } = await launchBrowser());
    consoleErrors = watchConsoleErrors(page);
    await signIn(page, platform.api.url, E2E_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  // The API reads sessions and tokens; the browser's session cookie is the admin's.
  const fetchAsAdmin = () => page.evaluate(async () => (await fetch('/api/workspace/sending')).json());

  it('an admin sets a cap of 2 a day and quiet hours 21:00–08:00 on weekends; they are kept and shown again', async () => {
    await page.goto(`${platform.api.url}/#/admin/workspace`);
    const form = page.getByRole('form', { name: 'Sending rules' });
    await form.waitFor();
    expect(await form.getByLabel('At most (emails)').isDisabled()).toBe(true);

    await form.getByLabel('Limit marketing emails per customer').check();
    await form.getByLabel('At most (emails)').fill('2');
    await form.getByLabel('In any rolling').fill('1');
    await form.getByLabel('Window unit').selectOption('days');
    await form.getByLabel('No marketing emails during quiet hours').check();
    await form.getByLabel('From').fill('21:00');
    await form.getByLabel('Until').fill('08:00');
    const days = form.getByRole('group', { name: 'Quiet hours start on' });
    await days.getByLabel('Saturday').check();
    await days.getByLabel('Friday').check();
    await form.getByRole('button', { name: 'Save sending rules' }).click();

    await expect.poll(() => page.getByRole('status').textContent(), shown).toBe('Sending rules saved: at most 2 in 1 day, quiet hours 21:00–08:00.');
    expect(await fetchAsAdmin()).toEqual({ frequencyCap: { limit: 2, windowHours: 24 }, quietHours: { start: '21:00', end: '08:00', days: ['fri', 'sat'] } });
    await page.screenshot({ path: '/tmp/sendcaps-settings.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.reload();
    const again = page.getByRole('form', { name: 'Sending rules' });
    await expect.poll(() => again.getByLabel('At most (emails)').inputValue(), shown).toBe('2');
    expect(await again.getByLabel('Window unit').inputValue()).toBe('days');
    expect(await again.getByLabel('Until').inputValue()).toBe('08:00');
    expect(await again.getByRole('group', { name: 'Quiet hours start on' }).getByLabel('Friday').isChecked()).toBe(true);
    expect(await again.getByRole('group', { name: 'Quiet hours start on' }).getByLabel('Monday').isChecked()).toBe(false);

    // Turning quiet hours off keeps the cap.
    await again.getByLabel('No marketing emails during quiet hours').uncheck();
    await again.getByRole('button', { name: 'Save sending rules' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), shown).toBe('Sending rules saved: at most 2 in 1 day, no quiet hours.');
    expect(await fetchAsAdmin()).toEqual({ frequencyCap: { limit: 2, windowHours: 24 }, quietHours: null });
    expect(consoleErrors.errors).toEqual([]);
  });

  it("a marketer gives one journey its own cap and no quiet hours in the editor; the API and a reload show the journey's rules", async () => {
    const { call, createTemplate } = platform.client;
    const mail = await createTemplate('Capped news', 'News', '<p>News</p>');
    const draft = {
      nodes: [
        { id: 'start', type: 'trigger', event: 'news_ready' },
        { id: 'send', type: 'send_email', templateId: mail.id },
        { id: 'done', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'start', sourceExit: 'next', target: 'send' },
        { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
      ],
    };
    const journey = await call<{ id: string }>('POST', '/api/journeys', { name: 'Weekly news', draft });
    await page.goto(`${platform.api.url}/#/journeys/${journey.id}`);
    const form = page.getByRole('form', { name: 'Journey sending rules' });
    await form.waitFor();
    // The workspace's rules from the first test are named in the default choice.
    await expect.poll(() => form.getByLabel('Frequency cap').locator('option:checked').textContent(), shown).toBe('Workspace default (at most 2 in 1 day)');

    await form.getByLabel('Frequency cap').selectOption('custom');
    await form.getByLabel('At most (emails)').fill('1');
    await form.getByLabel('In any rolling (hours)').fill('168');
    await form.getByLabel('Quiet hours').selectOption('off');
    await form.getByRole('button', { name: 'Save sending rules' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'This journey follows' }).textContent(), shown).toBe('This journey follows at most 1 in 7 days, no quiet hours.');
    const saved = await call<{ journey: unknown; effective: unknown }>('GET', `/api/journeys/${journey.id}/sending`);
    expect(saved.journey).toEqual({ frequencyCap: { mode: 'custom', value: { limit: 1, windowHours: 168 } }, quietHours: { mode: 'off' } });
    expect(saved.effective).toEqual({ frequencyCap: { limit: 1, windowHours: 168 }, quietHours: null });
    await page.screenshot({ path: '/tmp/lead-journey-sending.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.reload();
    const again = page.getByRole('form', { name: 'Journey sending rules' });
    await expect.poll(() => again.getByLabel('At most (emails)').inputValue(), shown).toBe('1');
    expect(await again.getByLabel('Quiet hours').inputValue()).toBe('off');
    expect(consoleErrors.errors).toEqual([]);
  });
});
