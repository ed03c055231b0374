import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const html = '<p>Hello {{ customer.first_name }}, welcome.</p><p><a href="https://example.com/start">Start here</a></p>';
const frame = (page: Page) => page.locator('.template-render iframe');
/** Opens the template from the list, as a person would (a fresh editor, whatever the last test typed). */
async function openEditor(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/#/templates`);
  await page.getByRole('link', { name: 'Welcome' }).click();
  await page.getByLabel('HTML (Liquid)').waitFor();
}
const frameText = (page: Page) => page.frameLocator('.template-render iframe').locator('body').textContent();

describe('template editing: variables found in the data, desktop and mobile previews, the text part, the inspector preview', () => {
  let platform: Platform;
  let browser: Browser | undefined;
  let page: Page;
  let templateId: string;
  let journeyId: string;
  let consoleErrors: { errors: string[] };

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const { client } = platform;
    await client.identify('grace', { email: 'grace@example.com', first_name: 'Grace', plan: 'enterprise', 'favourite colour': 'teal' });
    await client.track('grace', 'order_completed', { total: 42, sku: 'A-1' });
    await client.call('POST', '/api/offers', { name: 'Welcome 10%', codeSource: 'generated' });
    templateId = (await client.call<{ id: string }>('POST', '/api/templates', { name: 'Welcome', subject: 'Hi {{ customer.first_name }}', html, text: null })).id;
    const draft = {
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } },
        { id: 'send', type: 'send_email', templateId },
        { id: 'done', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
        { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
      ],
    };
    journeyId = (await client.call<{ id: string }>('POST', '/api/journeys', { name: 'Welcome series', draft })).id;
    const launched = await launchBrowser();
    browser = launched.browser;
    await launched.page.close();
    // axe-core is injected as an inline script, which the app's CSP (rightly) refuses.
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await signIn(page, platform.api.url, E2E_ADMIN);
    consoleErrors = watchConsoleErrors(page);
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('the variable picker lists the traits, event properties and offers stored, and inserts the chosen one at the cursor', async () => {
    await openEditor(page, platform.api.url);
    const htmlField = page.getByLabel('HTML (Liquid)');
    await expect.poll(() => htmlField.inputValue(), shown).toBe(html);
    // The caret goes after "Hello " as a person would put it: click in the field, then the arrow keys.
    await htmlField.fill('<p>Hello , welcome.</p>');
    await htmlField.press('Control+End');
    for (let i = 0; i < '{{ x }}, welcome.</p>'.length - '{{ x }}'.length; i++) await htmlField.press('ArrowLeft');

    await page.getByRole('button', { name: 'Insert variable' }).click();
    const panel = page.getByRole('region', { name: 'Variables' });
    await panel.getByText('From recent data').waitFor();
    await expect.poll(() => panel.getByRole('button', { name: /customer\.traits\["favourite colour"\]/ }).count(), shown).toBe(1);
    await expect.poll(() => panel.getByRole('region', { name: 'Properties of “order_completed” events' }).getByRole('button', { name: /event\.properties\.total/ }).count(), shown).toBe(1);
    await expect.poll(() => panel.getByRole('button', { name: /offers\["Welcome 10%"\]\.code/ }).count(), shown).toBe(1);
    await page.screenshot({ path: '/tmp/templates-picker.png' });

    await panel.getByRole('searchbox', { name: 'Search variables' }).fill('plan');
    await expect.poll(() => panel.getByRole('button').count(), shown).toBe(1);
    await panel.getByRole('button', { name: /customer\.traits\.plan/ }).click();
    await expect.poll(() => htmlField.inputValue(), shown).toBe('<p>Hello {{ customer.traits.plan }}, welcome.</p>');
    // The caret is after the insertion: typing goes on from there.
    await page.keyboard.type('!');
    await expect.poll(() => htmlField.inputValue(), shown).toBe('<p>Hello {{ customer.traits.plan }}!, welcome.</p>');
    // The preview renders it with the sample traits.
    await expect.poll(() => frameText(page), shown).toContain('Hello pro!, welcome.');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('previews at desktop and mobile widths, with the plain-text part the worker sends, for sample data or a customer', async () => {
    await openEditor(page, platform.api.url);
    await expect.poll(() => frameText(page), shown).toContain('Hello Ada, welcome.');
    await expect.poll(() => frame(page).evaluate((element) => (element as unknown as { clientWidth: number }).clientWidth), shown).toBe(640);
    // The frame's own document is laid out at that width (what an inbox would give the email).
    expect(await page.frameLocator('.template-render iframe').locator('html').evaluate((root) => root.clientWidth)).toBe(640);
    await expect.poll(() => page.getByLabel('Text part').textContent(), shown).toContain('Start here (https://example.com/start)');
    expect(await page.getByText('Made from the HTML, as the worker sends it').count()).toBe(1);
    await page.screenshot({ path: '/tmp/templates-desktop.png', fullPage: true });

    await page.getByRole('button', { name: /Mobile/ }).click();
    await expect.poll(() => frame(page).evaluate((element) => (element as unknown as { clientWidth: number }).clientWidth), shown).toBe(375);
    expect(await page.frameLocator('.template-render iframe').locator('html').evaluate((root) => root.clientWidth)).toBe(375);
    expect(await page.getByRole('button', { name: /Mobile/ }).getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: '/tmp/templates-mobile.png', fullPage: true });

    await page.getByLabel('A customer').check();
    await page.getByLabel('Customer (id or email)').fill('grace');
    await expect.poll(() => frameText(page), shown).toContain('Hello Grace, welcome.');
    await expect.poll(() => page.locator('.preview-subject').textContent(), shown).toContain('Hi Grace');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows a Liquid error once, beside its field, whether from the live preview or from saving', async () => {
    await openEditor(page, platform.api.url);
    const htmlField = page.getByLabel('HTML (Liquid)');
    await expect.poll(() => htmlField.inputValue(), shown).toBe(html);
    await htmlField.fill('<p>{% if %}broken</p>');
    const note = page.locator('#template-html-error');
    await note.waitFor();
    const message = (await note.textContent()) ?? '';
    expect(message.length).toBeGreaterThan(5);
    const occurrences = () => page.getByText(message, { exact: false }).count();
    expect(await occurrences()).toBe(1);
    expect(await htmlField.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Not saved: the html field has an error.').waitFor({ state: 'attached' });
    expect(await occurrences()).toBe(1);
    expect(await page.locator('.banner-error').count()).toBe(0);
    await page.screenshot({ path: '/tmp/templates-error-once.png', fullPage: true });

    await htmlField.fill(html);
    await expect.poll(() => note.count(), shown).toBe(0);
    await expect.poll(() => frameText(page), shown).toContain('Hello Ada, welcome.');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("the journey inspector shows the template's subject and a small rendered preview, not raw Liquid, and links to the editor", async () => {
    await page.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await page.locator('.react-flow__node[data-id="send"]').click();
    const preview = page.getByRole('region', { name: 'Template preview' });
    await expect.poll(() => preview.locator('.template-thumbnail-subject').textContent(), shown).toBe('Hi Ada');
    const thumbnail = page.frameLocator('.template-thumbnail iframe').locator('body');
    await expect.poll(() => thumbnail.textContent(), shown).toContain('Hello Ada, welcome.');
    expect(await thumbnail.textContent()).not.toContain('{{');
    // Laid out at the desktop email width, shown scaled down to fit the inspector.
    const box = await preview.locator('iframe').boundingBox();
    expect(box?.width ?? 0).toBeLessThan(320);
    expect(await preview.locator('iframe').evaluate((element) => (element as unknown as { clientWidth: number }).clientWidth)).toBe(640);
    expect(await preview.locator('iframe').getAttribute('sandbox')).toBe('');
    // Which template a live version sends is said where the marketer picks it, not only in the template editor.
    expect(await preview.innerText()).toContain('Publishing pins the template as it is then');
    await page.screenshot({ path: '/tmp/templates-inspector.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await preview.getByRole('link', { name: 'Edit “Welcome” →' }).click();
    await page.getByLabel('HTML (Liquid)').waitFor();
    expect(page.url()).toContain(`#/templates/${templateId}`);
  });

  it('the templates list, and no console error on any of these pages', async () => {
    await page.goto(`${platform.api.url}/#/templates`);
    await page.getByRole('link', { name: 'Welcome' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(consoleErrors.errors).toEqual([]);
  });
});
