import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

type SavedJourney = { revision: number; draft: { nodes: { id: string; label?: string }[] } };

const node = (id: string) => `.react-flow__node[data-id="${id}"]`;

describe('two tabs on one draft', () => {
  let platform: Platform;
  let browser: Browser;
  let tabA: Page;
  let tabB: Page;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const launched = await launchBrowser();
    browser = launched.browser;
    await launched.page.close();
    // Two tabs of one browser profile: same session, same localStorage.
    const profile = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    tabA = await profile.newPage();
    tabB = await profile.newPage();
    await signIn(tabA, platform.api.url, E2E_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const saveState = (tab: Page) => () => tab.locator('[data-save-state]').getAttribute('data-save-state');
  const labelOnCanvas = (tab: Page) => () => tab.locator(`${node('hello')} .journey-node-label`).textContent();
  const server = () => platform.client.call<SavedJourney>('GET', `/api/journeys/${journeyId}`);
  let journeyId = '';

  async function open(tab: Page) {
    await tab.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await tab.locator(node('hello')).waitFor();
  }

  async function relabel(tab: Page, label: string) {
    await tab.locator(node('hello')).click();
    await tab.getByLabel('Label', { exact: true }).fill(label);
  }

  it('refuses the later save of a stale tab with a banner; "Reload theirs" shows the other tab’s edit; "Overwrite with mine" wins', async () => {
    journeyId = (
      await platform.client.call<{ id: string }>('POST', '/api/journeys', {
        name: 'Shared draft',
        draft: {
          nodes: [
            { id: 'start', type: 'trigger', label: 'Signed up', event: 'shared_signup', reentry: { policy: 'once' } },
            { id: 'hello', type: 'send_email', label: 'Say hello' },
          ],
          edges: [{ id: 'start-next', source: 'start', sourceExit: 'next', target: 'hello' }],
        },
      })
    ).id;
    await open(tabA);
    await open(tabB);

    // A edits and saves; B, still on the revision it opened, edits too.
    await relabel(tabA, 'Edited in A');
    await expect.poll(saveState(tabA), { timeout: 15_000 }).toBe('saved');
    await expect.poll(async () => (await server()).draft.nodes.find((saved) => saved.id === 'hello')?.label).toBe('Edited in A');
    await relabel(tabB, 'Edited in B');

    const conflict = tabB.getByRole('alert').filter({ hasText: 'changed in another tab' });
    await conflict.waitFor({ timeout: 15_000 });
    expect(await saveState(tabB)()).toBe('conflict');
    // Nothing of B's reached the server.
    expect((await server()).draft.nodes.find((saved) => saved.id === 'hello')?.label).toBe('Edited in A');

    await conflict.getByRole('button', { name: 'Reload theirs' }).click();
    await expect.poll(labelOnCanvas(tabB), { timeout: 15_000 }).toBe('Edited in A');
    expect(await saveState(tabB)()).toBe('saved');

    // B, now current, saves an edit; A is the stale tab this time and overwrites with its own.
    await relabel(tabB, 'Second edit in B');
    await expect.poll(saveState(tabB), { timeout: 15_000 }).toBe('saved');
    await relabel(tabA, 'Mine from A');
    const stale = tabA.getByRole('alert').filter({ hasText: 'changed in another tab' });
    await stale.waitFor({ timeout: 15_000 });
    expect((await server()).draft.nodes.find((saved) => saved.id === 'hello')?.label).toBe('Second edit in B');

    await stale.getByRole('button', { name: 'Overwrite with mine' }).click();
    await expect.poll(saveState(tabA), { timeout: 15_000 }).toBe('saved');
    const saved = await server();
    expect(saved.draft.nodes.find((stored) => stored.id === 'hello')?.label).toBe('Mine from A');
    expect(saved.revision).toBe(4);

    // A keeps saving normally afterwards, on the revision it now holds.
    await relabel(tabA, 'Later edit in A');
    await expect.poll(async () => (await server()).draft.nodes.find((stored) => stored.id === 'hello')?.label, { timeout: 15_000 }).toBe('Later edit in A');
    expect(await saveState(tabA)()).not.toBe('conflict');
  });
});
