import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const VIEWER = { email: 'canvas-viewer@e2e.example.com', password: 'viewer-password-0123' };
const MARKETER = { email: 'canvas-marketer@e2e.example.com', password: 'marketer-password-0123' };

/** Adds a user with an admin session (the marketer token of `platform.client` may not add users). */
async function addUser(platform: Platform, user: { email: string; password: string }, role: 'viewer' | 'marketer'): Promise<void> {
  const session = await fetch(`${platform.api.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(E2E_ADMIN) });
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const added = await fetch(`${platform.api.url}/api/users`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ ...user, role }) });
  if (added.status !== 201) throw new Error(`adding ${user.email}: ${added.status} ${await added.text()}`);
}
const node = (id: string) => `.react-flow__node[data-id="${id}"]`;
type Draft = { nodes: Array<Record<string, unknown> & { id: string; type: string }>; edges: Array<{ id: string; source: string; sourceExit: string; target: string }> };
/** The browser's globals inside `evaluate` (these Node-typed tests do not declare the DOM library). */
type PageGlobals = {
  getComputedStyle: (el: unknown) => { fontSize: string; strokeWidth: string; transform: string };
  document: {
    elementFromPoint: (x: number, y: number) => { closest: (selector: string) => { getAttribute: (name: string) => string | null } | null } | null;
    documentElement: { scrollHeight: number };
  };
  innerHeight: number;
};
const edge = (source: string, sourceExit: string, target: string) => ({ id: `${source}-${sourceExit}`, source, sourceExit, target });

/** Seven rows deep: too tall to fit readably in either viewport, so fitting shows its start. */
function tallJourney(templateId: string): Draft {
  return {
    nodes: [
      { id: 'trigger_1', type: 'trigger', label: 'Signed up', event: 'signup', reentry: { policy: 'once' } },
      { id: 'welcome', type: 'send_email', label: 'Welcome', templateId },
      { id: 'pause', type: 'wait', label: 'Pause', duration: { amount: 1, unit: 'days' } },
      { id: 'opened', type: 'wait_for_event', label: 'Opened?', awaited: { kind: 'email_opened', sendNodeId: 'welcome' }, timeout: { amount: 3, unit: 'days' } },
      { id: 'thanks', type: 'send_email', label: 'Thanks', templateId },
      { id: 'reminder', type: 'send_email', label: 'Reminder', templateId },
      { id: 'pause_2', type: 'wait', label: 'Pause again', duration: { amount: 2, unit: 'days' } },
      { id: 'done', type: 'exit', label: 'Done' },
      { id: 'done_2', type: 'exit', label: 'Done too' },
    ],
    // The timed-out exit is listed before matched: auto-layout still puts matched on the left, as the card does.
    edges: [
      edge('trigger_1', 'next', 'welcome'),
      edge('welcome', 'next', 'pause'),
      edge('pause', 'next', 'opened'),
      edge('opened', 'timed_out', 'reminder'),
      edge('reminder', 'next', 'pause_2'),
      edge('pause_2', 'next', 'done_2'),
      edge('opened', 'matched', 'thanks'),
      edge('thanks', 'next', 'done'),
    ],
  };
}

describe('a journey canvas with room', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let templateId = '';
  let tallId = '';
  let errors: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    templateId = (await platform.client.createTemplate('Canvas hello', 'Hello', '<p>Hi</p>')).id;
    tallId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Tall journey', draft: tallJourney(templateId) })).id;
    await addUser(platform, VIEWER, 'viewer');
    await addUser(platform, MARKETER, 'marketer');
    ({ browser } = await launchBrowser());
    // axe-core is injected as an inline script, which the app's Content Security Policy (rightly) refuses.
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true })).newPage();
    await signIn(page, platform.api.url, MARKETER);
    // From here on: the sign-in page's own 401 (no session yet) is not the editor's.
    errors = watchConsoleErrors(page).errors;
    // Starting Temporal, the worker and the API takes minutes when the machine is shared by many test runs.
  }, 540_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const createJourney = async (name: string, draft: Draft) => (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name, draft })).id;
  const openEditor = async (id: string) => {
    await page.goto(`${platform.api.url}/#/journeys/${id}`);
    await page.locator('.react-flow__node').first().waitFor();
  };
  const canvasBox = async () => {
    const box = await page.locator('.editor-canvas').boundingBox();
    if (!box) throw new Error('no canvas');
    return box;
  };
  // The viewport's transform is matrix(zoom, 0, 0, zoom, x, y).
  const zoom = async () => Number(/matrix\(([^,]+)/.exec(await page.locator('.editor-canvas .react-flow__viewport').evaluate((el) => (globalThis as unknown as PageGlobals).getComputedStyle(el).transform))?.[1] ?? 'NaN');
  const serverDraft = async (id: string) => (await platform.client.call<{ draft: Draft }>('GET', `/api/journeys/${id}`)).draft;
  const saved = () => expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), shown).toBe('saved');
  /** The canvas and its minimap end inside the window, and the page itself does not scroll. */
  const expectCanvasInWindow = async (on: Page, viewport: { height: number }) => {
    const canvas = await on.locator('.editor-canvas').boundingBox();
    const minimap = await on.locator('.editor-canvas .react-flow__minimap').boundingBox();
    expect(canvas && canvas.y + canvas.height).toBeLessThanOrEqual(viewport.height);
    expect(minimap && minimap.y + minimap.height).toBeLessThanOrEqual(viewport.height);
    const extent = await on.evaluate(() => {
      const globals = globalThis as unknown as PageGlobals;
      return { scrollHeight: globals.document.documentElement.scrollHeight, innerHeight: globals.innerHeight };
    });
    expect(extent.scrollHeight).toBeLessThanOrEqual(extent.innerHeight);
    return canvas?.height ?? 0;
  };

  it('gives the canvas the room: folding the palette and side panel, remembered after a reload, at 1440×900 and 1280×720', async () => {
    const sizes: Record<string, { open: { width: number; height: number }; folded: { width: number; height: number } }> = {};
    for (const viewport of [{ width: 1440, height: 900 }, { width: 1280, height: 720 }]) {
      await page.setViewportSize(viewport);
      await openEditor(tallId);
      const open = await canvasBox();
      await expectCanvasInWindow(page, viewport);
      await page.screenshot({ path: `/tmp/canvas-open-${viewport.width}.png` });
      await page.getByRole('button', { name: 'Collapse the palette' }).click();
      await page.getByRole('button', { name: 'Hide settings and problems' }).click();
      await expect.poll(async () => (await canvasBox()).width, shown).toBeGreaterThan(open.width + 300);
      // The folded palette still adds steps: its buttons keep their names.
      expect(await page.locator('.palette').getByRole('button', { name: 'Send email', exact: true }).isVisible()).toBe(true);
      await page.reload();
      await page.locator('.react-flow__node').first().waitFor();
      await expect.poll(() => page.getByRole('button', { name: 'Expand the palette' }).count(), shown).toBe(1);
      expect(await page.getByRole('button', { name: /^Show settings and problems/ }).count()).toBe(1);
      const folded = await canvasBox();
      await page.screenshot({ path: `/tmp/canvas-folded-${viewport.width}.png` });
      sizes[viewport.width] = { open: { width: open.width, height: open.height }, folded: { width: folded.width, height: folded.height } };
      await page.getByRole('button', { name: 'Expand the palette' }).click();
      await page.getByRole('button', { name: /^Show settings and problems/ }).click();
      await page.getByRole('button', { name: 'Collapse the palette' }).waitFor();
    }
    // The issue measured 676×714 and 516×535 before: wider even with both panels open, far wider folded.
    expect(sizes[1440]?.open.width).toBeGreaterThan(720);
    expect(sizes[1440]?.folded.width).toBeGreaterThan(1000);
    expect(sizes[1280]?.open.width).toBeGreaterThan(560);
    expect(sizes[1280]?.folded.width).toBeGreaterThan(850);
    // And taller: 714 and 535 before, now the window's height less one row of name and one of buttons.
    expect(sizes[1440]?.open.height).toBeGreaterThanOrEqual(770);
    expect(sizes[1280]?.open.height).toBeGreaterThanOrEqual(590);
    expect(sizes[1280]?.folded.height).toBe(sizes[1280]?.open.height);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('fits a live journey\'s editor in the window, operations bar and all, with the canvas reaching its bottom', async () => {
    const id = await createJourney('Live and roomy', tallJourney(templateId));
    await platform.client.call('POST', `/api/journeys/${id}/publish`);
    const heights: Record<number, number> = {};
    for (const viewport of [{ width: 1440, height: 900 }, { width: 1280, height: 720 }]) {
      await page.setViewportSize(viewport);
      await openEditor(id);
      await page.getByTestId('journey-operations-state').waitFor();
      heights[viewport.height] = await expectCanvasInWindow(page, viewport);
      await page.screenshot({ path: `/tmp/canvas-live-${viewport.width}.png` });
    }
    // Before, the canvas was 718 and 538 px tall and its bottom 74 px below the window, minimap and all.
    expect(heights[900]).toBeGreaterThanOrEqual(725);
    expect(heights[720]).toBeGreaterThanOrEqual(545);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('fits a tall journey at a zoom where node text stays readable, showing its start; the rest is a pan away', async () => {
    for (const viewport of [{ width: 1440, height: 900 }, { width: 1280, height: 720 }]) {
      await page.setViewportSize(viewport);
      await openEditor(tallId);
      await page.getByRole('button', { name: 'Fit view' }).click();
      const fontSize = await page.locator(`${node('welcome')} .journey-node-summary`).evaluate((el) => parseFloat((globalThis as unknown as PageGlobals).getComputedStyle(el).fontSize));
      await expect.poll(async () => fontSize * (await zoom()), shown).toBeGreaterThanOrEqual(10.9);
      const canvas = await canvasBox();
      const trigger = await page.locator(node('trigger_1')).boundingBox();
      expect(trigger && trigger.y >= canvas.y && trigger.y + trigger.height <= canvas.y + canvas.height).toBe(true);
      await page.screenshot({ path: `/tmp/canvas-fit-${viewport.width}.png` });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('gives handles and edges a target of at least 20 px', async () => {
    await openEditor(tallId);
    const handle = page.locator(`${node('welcome')} .react-flow__handle.source`);
    const box = await handle.boundingBox();
    if (!box) throw new Error('no handle');
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    // 10 px from the dot's centre, beyond the dot itself, still grabs the handle.
    for (const [dx, dy] of [[10, 0], [-10, 0], [0, 10], [0, -10]] as const) {
      const hit = await page.evaluate(({ x, y }) => (globalThis as unknown as PageGlobals).document.elementFromPoint(x, y)?.closest('.react-flow__handle')?.getAttribute('data-handleid') ?? null, { x: centre.x + dx, y: centre.y + dy });
      expect(hit).toBe('next');
    }
    const band = await page.locator('.editor-canvas .react-flow__edge-interaction').first().evaluate((el) => parseFloat((globalThis as unknown as PageGlobals).getComputedStyle(el).strokeWidth));
    expect(band).toBeGreaterThanOrEqual(20);
  });

  it('auto-layout keeps matched on the left and timed out on the right, as on the card', async () => {
    await openEditor(tallId);
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    const left = async (id: string) => (await page.locator(node(id)).boundingBox())?.x ?? Number.NaN;
    await expect.poll(async () => (await left('thanks')) < (await left('reminder')), shown).toBe(true);
    const matched = await page.locator(`${node('opened')} [data-exit="matched"]`).boundingBox();
    const timedOut = await page.locator(`${node('opened')} [data-exit="timed_out"]`).boundingBox();
    expect((matched?.x ?? 0) < (timedOut?.x ?? 0)).toBe(true);
    await page.screenshot({ path: '/tmp/canvas-autolayout.png' });
  });

  it('deleting a middle step reconnects its neighbours; pastes land offset; Shift-click adds to the selection', async () => {
    const id = await createJourney('Chain', {
      nodes: [
        { id: 'trigger_1', type: 'trigger', event: 'signup', reentry: { policy: 'once' }, position: { x: 0, y: 0 } },
        { id: 'hello', type: 'send_email', label: 'Hello', templateId, position: { x: 0, y: 160 } },
        { id: 'pause', type: 'wait', label: 'Pause', duration: { amount: 1, unit: 'days' }, position: { x: 0, y: 320 } },
        { id: 'end', type: 'exit', position: { x: 0, y: 480 } },
      ],
      edges: [edge('trigger_1', 'next', 'hello'), edge('hello', 'next', 'pause'), edge('pause', 'next', 'end')],
    });
    await openEditor(id);
    await page.locator(`${node('pause')} .journey-node-label`).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count(), shown).toBe(3);
    await expect.poll(() => page.locator('.react-flow__edge[data-id="hello-next"]').count(), shown).toBe(1);
    await saved();
    expect((await serverDraft(id)).edges.map((wire) => `${wire.source}>${wire.target}`).sort()).toEqual(['hello>end', 'trigger_1>hello']);
    await page.screenshot({ path: '/tmp/canvas-reconnected.png' });

    // Copy once, paste twice: each copy a step further down and right, none on top of another.
    await page.locator(`${node('hello')} .journey-node-label`).click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.keyboard.press('Control+v');
    await expect.poll(() => page.locator('.react-flow__node[data-id^="send_email"]').count(), shown).toBe(2);
    const spots = await Promise.all(['hello', 'send_email_1', 'send_email_2'].map(async (card) => (await page.locator(node(card)).boundingBox()) ?? { x: 0, y: 0 }));
    const [original, first, second] = spots;
    expect(first && original && first.x - original.x).toBeGreaterThan(20);
    expect(second && first && second.x - first.x).toBeGreaterThan(20);
    expect(second && first && second.y - first.y).toBeGreaterThan(20);
    await page.screenshot({ path: '/tmp/canvas-pasted.png' });

    await page.locator(`${node('trigger_1')} .journey-node-label`).click();
    await page.locator(`${node('end')} .journey-node-label`).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.editor-node.is-selected').count(), shown).toBe(2);
    expect(await page.locator(`${node('trigger_1')} .is-selected`).count()).toBe(1);
    expect(await page.locator(`${node('end')} .is-selected`).count()).toBe(1);
  });

  it('a journey may end on a step: publishing adds the Exit, and the canvas says so beforehand', async () => {
    const id = await createJourney('Ends on a send', {
      nodes: [
        { id: 'trigger_1', type: 'trigger', event: 'signup', reentry: { policy: 'once' }, position: { x: 0, y: 0 } },
        { id: 'hello', type: 'send_email', label: 'Hello', templateId, position: { x: 0, y: 160 } },
      ],
      edges: [edge('trigger_1', 'next', 'hello')],
    });
    await openEditor(id);
    const note = page.getByRole('note').filter({ hasText: 'leads nowhere' });
    await note.waitFor();
    expect(await note.textContent()).toContain('An Exit step is added for it when you publish');
    await expect.poll(() => page.locator('.problems-panel h2').textContent(), shown).toContain('No problems');
    await page.screenshot({ path: '/tmp/canvas-open-exit.png' });
    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, showing what changed against the live version.
    await page.getByRole('alertdialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1.').waitFor();
    await expect.poll(() => page.locator('.react-flow__node[data-id="exit_1"]').count(), shown).toBe(1);
    expect(await note.count()).toBe(0);
    const draft = await serverDraft(id);
    expect(draft.edges.map((wire) => `${wire.source}>${wire.target}`)).toContain('hello>exit_1');
    await saved();
  });

  it('a new "wait for an open" step chooses the journey\'s only email', async () => {
    const id = await createJourney('Wait for open', {
      nodes: [
        { id: 'trigger_1', type: 'trigger', event: 'signup', reentry: { policy: 'once' }, position: { x: 0, y: 0 } },
        { id: 'hello', type: 'send_email', label: 'Hello', templateId, position: { x: 0, y: 160 } },
      ],
      edges: [edge('trigger_1', 'next', 'hello')],
    });
    await openEditor(id);
    await page.locator('.palette').getByRole('button', { name: 'Wait for event', exact: true }).click();
    await page.getByLabel('Kind').selectOption('email_opened');
    await expect.poll(() => page.getByLabel('Email step').inputValue(), shown).toBe('hello');
    await page.screenshot({ path: '/tmp/canvas-wait-open.png' });
    await saved();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("keeps a viewer's editor laid out like everyone's, without publishing talk", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    const viewerPage = await context.newPage();
    await signIn(viewerPage, platform.api.url, VIEWER);
    const viewerErrors = watchConsoleErrors(viewerPage).errors;
    await viewerPage.goto(`${platform.api.url}/#/journeys/${tallId}`);
    await viewerPage.locator('.react-flow__node').first().waitFor();
    await viewerPage.getByText('You can view this journey').waitFor();
    const canvas = await viewerPage.locator('.editor-canvas').boundingBox();
    const side = await viewerPage.locator('.editor-side').boundingBox();
    // The canvas fills the middle (no palette column to fall into) and the side panel sits to its right.
    expect(canvas && side && canvas.width > 700 && side.x > canvas.x + canvas.width).toBe(true);
    expect(await viewerPage.getByText('Ready to publish').count()).toBe(0);
    expect(await viewerPage.locator('.palette').count()).toBe(0);
    await viewerPage.screenshot({ path: '/tmp/canvas-viewer-1440.png' });
    await viewerPage.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(async () => (await viewerPage.locator('.editor-canvas').boundingBox())?.width ?? 0, shown).toBeGreaterThan(540);
    // The note that the viewer cannot edit sits in the toolbar's row: the canvas still reaches the window's bottom.
    expect(await expectCanvasInWindow(viewerPage, { height: 720 })).toBeGreaterThanOrEqual(590);
    await viewerPage.screenshot({ path: '/tmp/canvas-viewer-1280.png' });
    expect(await seriousA11yViolations(viewerPage)).toEqual([]);
    expect(viewerErrors).toEqual([]);
    await context.close();
  });
});
