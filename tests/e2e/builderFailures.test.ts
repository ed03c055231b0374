import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

type SavedJourney = { id: string; draft: { nodes: { id: string; type: string }[]; edges: unknown[] } };

const node = (id: string) => `.react-flow__node[data-id="${id}"]`;

describe('journey builder when things go wrong, and without a mouse', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    ({ browser, page } = await launchBrowser());
    await signIn(page, platform.api.url, E2E_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const createJourney = (name: string, draft: unknown = { nodes: [], edges: [] }) =>
    platform.client.call<{ id: string }>('POST', '/api/journeys', { name, draft });
  const serverNodes = async (id: string) =>
    (await platform.client.call<SavedJourney | { journey: SavedJourney }>('GET', `/api/journeys/${id}`).then((body) => ('journey' in body ? body.journey : body))).draft.nodes
      .map((saved) => saved.id)
      .sort();
  const openEditor = async (id: string) => {
    await page.goto(`${platform.api.url}/#/journeys/${id}`);
    await page.locator('.react-flow__pane').waitFor();
  };
  const addStep = (title: string) => page.locator('.palette').getByRole('button', { name: title, exact: true }).click();
  const saveState = () => page.locator('[data-save-state]').getAttribute('data-save-state');

  it('keeps drawing through an API outage: a clear banner, a retry that saves, and the browser copy restored after a reload', async () => {
    const { id } = await createJourney('Outage');
    await openEditor(id);
    await addStep('Trigger');
    await expect.poll(saveState, shown).toBe('saved');

    await platform.api.stop();
    await addStep('Wait');
    await addStep('Exit');
    const banner = page.getByRole('alert').filter({ hasText: 'Could not save the draft' });
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toContain('Your changes are kept in this browser and will be retried');

    await platform.api.restart();
    await expect.poll(saveState, { timeout: 20_000, interval: 250 }).toBe('saved');
    expect(await serverNodes(id)).toEqual(['exit_1', 'trigger_1', 'wait_1']);
    await page.reload();
    await page.locator(node('exit_1')).waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(3);
    expect(await page.locator('.restored-banner').count()).toBe(0);

    // Down again, and this time the tab is reloaded before the server comes back: the page cannot even load…
    await platform.api.stop();
    await addStep('Send email');
    await page.getByRole('alert').filter({ hasText: 'Could not save the draft' }).waitFor({ timeout: 15_000 });
    await expect(page.reload()).rejects.toThrow();
    await platform.api.restart();
    // …but once it can, the copy this browser kept comes back and is saved.
    await openEditor(id);
    await page.locator('.restored-banner').waitFor();
    await page.locator(node('send_email_1')).waitFor();
    await expect.poll(saveState, shown).toBe('saved');
    expect(await serverNodes(id)).toEqual(['exit_1', 'send_email_1', 'trigger_1', 'wait_1']);
  });

  it("shows the API's refusal on the node it names and in the problems panel", async () => {
    const template = await platform.client.createTemplate('Soon deleted', 'Hello', '<p>Hello</p>');
    const { id } = await createJourney('Refused', {
      nodes: [
        { id: 'start', type: 'trigger', label: 'Signed up', event: 'refused_signup', reentry: { policy: 'once' } },
        { id: 'hello', type: 'send_email', label: 'Say hello', templateId: template.id },
        { id: 'done', type: 'exit', label: 'Done' },
      ],
      edges: [
        { id: 'start-next', source: 'start', sourceExit: 'next', target: 'hello' },
        { id: 'hello-next', source: 'hello', sourceExit: 'next', target: 'done' },
      ],
    });
    await openEditor(id);
    await expect.poll(() => page.locator('.problems-panel h2').textContent(), shown).toContain('No problems');
    // The card names the template, not its id.
    expect(await page.locator(`${node('hello')} .journey-node-summary`).textContent()).toBe('Send “Soon deleted”');

    // Someone deletes the template while the editor is open: the browser does not know, the API does.
    await platform.client.call('DELETE', `/api/templates/${template.id}`);
    const { problems } = await platform.client.call<{ problems: { nodeId: string; message: string }[] }>('POST', `/api/journeys/${id}/validate`);
    const apiMessage = problems.find((problem) => problem.nodeId === 'hello')?.message ?? 'no problem on hello';

    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, showing what changed against the live version.
    await page.getByRole('alertdialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('alert').filter({ hasText: 'problem' }).waitFor();
    await expect.poll(() => page.locator(`${node('hello')} .node-problem-text`).textContent(), shown).toContain(apiMessage);
    expect(await page.locator('.react-flow__node .has-problems').count()).toBe(1);
    const panel = page.getByRole('region', { name: 'Problems' });
    expect(await panel.textContent()).toContain(apiMessage);
    await panel.getByRole('button', { name: /hello/ }).click();
    // The server's finding shows in the step's settings too (beside the field it concerns, or above the fields).
    await expect.poll(() => page.getByRole('region', { name: 'Settings of Say hello' }).textContent(), shown).toContain(apiMessage);
  });

  it('builds and connects a journey with the keyboard only; every control it passes shows focus and every field has a label', async () => {
    const { id } = await createJourney('Keyboard only');
    await openEditor(id);
    const unfocusable: string[] = [];

    /** Presses Tab until the focused element matches `selector`, checking each stop has a visible focus style. */
    async function tabTo(selector: string, limit = 80) {
      for (let presses = 0; presses < limit; presses += 1) {
        await page.keyboard.press('Tab');
        // A string, not a function: the tests compile without the DOM library.
        const stop = await page.evaluate<{ matches: boolean; visible: boolean; name: string }>(`(() => {
          const element = document.activeElement;
          if (!element || element === document.body) return { matches: false, visible: true, name: 'body' };
          const style = getComputedStyle(element);
          const visible = (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none';
          const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + '[' + (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40) + ']';
          return { matches: element.matches(${JSON.stringify(selector)}), visible, name };
        })()`);
        if (!stop.visible) unfocusable.push(stop.name);
        if (stop.matches) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    }

    await tabTo('.palette [data-node-type="trigger"]');
    await page.keyboard.press('Enter');
    await tabTo('input[id$="-event"]');
    await page.keyboard.type('keyboard_signup');
    await tabTo('.palette [data-node-type="exit"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node').count(), shown).toBe(2);

    // Select the trigger on the canvas from the keyboard, then wire its exit in the inspector.
    await tabTo(node('trigger_1'));
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Connections of trigger_1' }).waitFor();
    await tabTo('#leads-to-trigger_1-next');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.react-flow__edge').count(), shown).toBe(1);
    expect(await page.locator('#leads-to-trigger_1-next').inputValue()).toBe('exit_1');
    await expect.poll(() => page.locator('.problems-panel h2').textContent(), shown).toContain('No problems');

    expect(unfocusable).toEqual([]);
    const unlabelled = await page.evaluate(`[...document.querySelectorAll('main input, main select, main textarea')]
      .filter((field) => (field.labels?.length ?? 0) === 0 && !field.getAttribute('aria-label') && !field.getAttribute('aria-labelledby'))
      .map((field) => field.outerHTML.slice(0, 80))`);
    expect(unlabelled).toEqual([]);
  });
});
