import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const HOSTILE = 'Win-back <img src=x onerror="document.title=\'pwned\'">';

function oneEmailJourney(templateId: string, event: string) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event, reentry: { policy: 'once' } },
      { id: 'send', type: 'send_email', templateId },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
}

describe('the template editor says which revision live journeys send, and keeps the template\'s history', () => {
  let platform: Platform;
  let browser: Browser | undefined;
  let page: Page;
  let templateId: string;
  let consoleErrors: { errors: string[] };

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const { client } = platform;
    const edit = (subject: string) => client.call('PUT', `/api/templates/${templateId}`, { name: 'Welcome', subject, html: `<p>${subject}</p>`, text: null });
    const publish = async (name: string, event: string) => {
      const journey = await client.call<{ id: string }>('POST', '/api/journeys', { name, draft: oneEmailJourney(templateId, event) });
      await client.call('POST', `/api/journeys/${journey.id}/publish`);
      return journey.id;
    };
    templateId = (await client.createTemplate('Welcome', 'Hello one', '<p>Hello one</p>')).id;
    const onboarding = await publish('Onboarding', 'signed_up');
    await edit('Hello two');
    await client.call('POST', `/api/journeys/${onboarding}/publish`); // Onboarding v2 pins revision 2
    await edit('Hello three');
    await publish(HOSTILE, 'churned'); // pins revision 3, the current one
    const launched = await launchBrowser();
    browser = launched.browser;
    await launched.page.close();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await signIn(page, platform.api.url, E2E_ADMIN);
    consoleErrors = watchConsoleErrors(page);
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const liveUses = () => page.getByRole('region', { name: 'Used by live journeys' });
  const history = () => page.getByRole('region', { name: 'History' });

  it('names each live journey with the revision it sends and says edits reach them when each is published again', async () => {
    await page.goto(`${platform.api.url}/#/templates`);
    await page.getByRole('link', { name: 'Welcome' }).click();
    await expect.poll(() => liveUses().textContent(), shown).toContain('Onboarding v2 (sends revision 2)');
    const text = await liveUses().textContent();
    expect(text).toContain(`${HOSTILE} v1 (sends revision 3, the current one)`);
    expect(text).toContain('Your edits reach them when each is published again');
    expect(await page.title()).not.toBe('pwned');
    await expect.poll(() => history().getByRole('listitem').count(), shown).toBe(3);
    const newest = history().getByRole('listitem').first();
    expect(await newest.textContent()).toMatch(/Revision 3.*current.*live in Win-back.*by token .*Hello three/);
    expect(await history().getByRole('listitem').nth(1).textContent()).toMatch(/Revision 2.*live in Onboarding v2/);
    await page.screenshot({ path: '/tmp/templates-editor-live-uses.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('a save is a new revision by the person who saved it; the live journeys keep their pinned revision', async () => {
    await page.getByLabel('Subject').fill('Hello four');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), shown).toContain('Live journeys keep sending the revision they were published with');
    await expect.poll(() => history().getByRole('listitem').first().textContent(), shown).toMatch(/Revision 4.*current.*by admin@e2e\.example\.com.*Hello four/);
    expect(await liveUses().textContent()).toContain(`${HOSTILE} v1 (sends revision 3)`);
  });

  it('views an old revision and restores it as the newest revision, back in the editor', async () => {
    await history().getByRole('button', { name: 'View revision 1' }).click();
    const viewed = page.getByRole('region', { name: 'Revision 1' });
    await expect.poll(() => viewed.textContent(), shown).toContain('Hello one');
    expect(await viewed.textContent()).toContain('<p>Hello one</p>');
    await page.screenshot({ path: '/tmp/templates-history-view.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await history().getByRole('button', { name: 'Restore revision 1' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), shown).toContain('Revision 1 restored as the newest revision');
    await expect.poll(() => page.getByLabel('Subject').inputValue(), shown).toBe('Hello one');
    // The preview follows the restored revision too.
    await expect.poll(() => page.locator('.preview-subject').textContent(), shown).toBe('Subject Hello one');
    await expect.poll(() => page.frameLocator('.template-render iframe').locator('body').textContent(), shown).toContain('Hello one');
    await expect.poll(() => history().getByRole('listitem').count(), shown).toBe(5);
    expect(await history().getByRole('listitem').first().textContent()).toMatch(/Revision 5.*current.*Hello one/);
    await page.screenshot({ path: '/tmp/templates-history-restored.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(consoleErrors.errors).toEqual([]);
  });
});
