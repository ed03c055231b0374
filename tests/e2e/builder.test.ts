import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragBetween, launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const artifacts = join(process.cwd(), 'test-results');
const node = (id: string) => `.react-flow__node[data-id="${id}"]`;
const sourceHandle = (id: string, exit: string) => `${node(id)} .react-flow__handle.source[data-handleid="${exit}"]`;
const targetHandle = (id: string) => `${node(id)} .react-flow__handle.target`;

describe('journey builder in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let templateId: string;
  let firstJourneyUrl = '';

  beforeAll(async () => {
    // A 1-day wait lasts ~17 s: long enough to see a customer sitting on the wait step.
    platform = await startPlatform({ timeScale: 0.0002 });
    templateId = (await platform.client.createTemplate('Builder hello', 'Hello from the builder', '<p>Hi {{ customer.email }}</p>')).id;
    ({ browser, page } = await launchBrowser());
    await signIn(page, platform.api.url, E2E_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const journeyIdFromUrl = async () => /#\/journeys\/([^/?]+)/.exec(page.url())?.[1] ?? 'no journey in the URL';

  async function dropFromPalette(type: string, x: number, y: number) {
    await page.locator(`.palette [data-node-type="${type}"]`).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
  }

  it('draws, configures, validates and publishes a journey; an event moves the node counts and sends the email', async () => {
    await page.goto(`${platform.api.url}/#/journeys/new`);
    await page.getByLabel('Name').fill('Built in the browser');
    await page.getByRole('button', { name: 'Create journey' }).click();
    await page.locator('.react-flow__pane').waitFor();

    await dropFromPalette('trigger', 320, 70);
    await page.getByLabel('Event name').fill('builder_signup');
    await dropFromPalette('send_email', 320, 230);
    await dropFromPalette('wait', 320, 390);
    await dropFromPalette('exit', 320, 550);
    await expect.poll(() => page.locator('.react-flow__node').count(), shown).toBe(4);

    await dragBetween(page, sourceHandle('trigger_1', 'next'), targetHandle('send_email_1'));
    await dragBetween(page, sourceHandle('send_email_1', 'next'), targetHandle('wait_1'));
    await dragBetween(page, sourceHandle('wait_1', 'next'), targetHandle('exit_1'));
    await expect.poll(() => page.locator('.react-flow__edge').count(), shown).toBe(3);

    // The email step has no template yet: it is marked, listed, and publishing is refused.
    await expect.poll(() => page.locator(`${node('send_email_1')} .has-problems`).count(), shown).toBe(1);
    await expect.poll(() => page.locator('.problems-panel li').count(), shown).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('button', { name: 'Publish' }).isDisabled(), shown).toBe(true);

    // Choosing the problem selects the node; the inspector then offers the template picker.
    await page.locator('.problems-panel .problem-link').click();
    await page.getByLabel('Email template').selectOption(templateId);
    await expect.poll(() => page.locator('.has-problems').count(), shown).toBe(0);
    await expect.poll(() => page.locator('.problems-panel h2').textContent(), shown).toContain('No problems');

    // Undo brings the problem back, redo clears it again.
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.has-problems').count(), shown).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('.has-problems').count(), shown).toBe(0);

    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), shown).toBe('saved');
    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, showing what changed against the live version.
    await page.getByRole('alertdialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1.').waitFor();
    firstJourneyUrl = page.url();

    await platform.client.identify('builder-ada', { email: 'builder-ada@example.com' });
    await platform.client.track('builder-ada', 'builder_signup');

    await expect.poll(() => page.locator(`${node('wait_1')} [data-testid="count-current"]`).textContent(), { timeout: 30_000, interval: 500 }).toBe('1 here');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'builder-editor.png') });

    await page.goto(`${platform.api.url}/#/outbox`);
    await page.getByText('Hello from the builder').first().waitFor({ timeout: 30_000 });
  });

  it('opens an older version read-only from the version history', async () => {
    await page.goto(firstJourneyUrl);
    await page.locator(node('wait_1')).waitFor();
    const journeyId = await journeyIdFromUrl();
    // Publish a second version with a renamed step; version 1 still shows the old name, with no editing controls.
    await page.locator(node('wait_1')).click();
    await page.getByLabel('Label', { exact: true }).fill('Wait a while');
    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), shown).toBe('saved');
    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, showing what changed against the live version.
    await page.getByRole('alertdialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 2.').waitFor();
    await page.locator('.version-menu summary').click();
    await page.locator('.version-menu a', { hasText: 'v1' }).click();
    await page.getByText('Showing version 1').waitFor();
    await page.locator('.version-view .react-flow__node').first().waitFor();
    expect(await page.locator(`.version-view ${node('wait_1')} .journey-node-label`).textContent()).toBe('wait_1');
    expect(await page.locator('.palette').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    expect(page.url()).toContain(journeyId);
  });

  it('edits a template, previews it for a customer and for sample traits, and sends a test that lands in the Outbox', async () => {
    await platform.client.identify('tpl-grace', { email: 'grace@example.com', first_name: 'Grace' });
    await page.goto(`${platform.api.url}/#/templates/new`);
    await page.getByLabel('Name').fill('Preview me');
    await page.getByLabel('Subject').fill('Hi {{ customer.first_name | default: "friend" }}');
    await page.getByLabel('HTML (Liquid)').fill('<p>Plan: {{ customer.plan | default: "none" }}</p>');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.url(), shown).not.toContain('/templates/new');

    const subject = page.locator('.preview-subject strong');
    await page.getByLabel('Sample traits (JSON)').fill('{ "first_name": "Ada", "plan": "pro" }');
    await expect.poll(() => subject.textContent(), shown).toBe('Hi Ada');
    await expect.poll(() => page.frameLocator('iframe[title^="Rendered HTML"]').locator('p').textContent(), shown).toBe('Plan: pro');
    await page.getByLabel('A customer').check();
    await page.getByLabel('Customer (id or email)').fill('tpl-grace');
    await expect.poll(() => subject.textContent(), shown).toBe('Hi Grace');

    await page.getByLabel('Send a test to').fill('tester@example.com');
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText(/Test email “\[Test\] Hi Grace” sent to tester@example.com/).waitFor({ timeout: 30_000 });
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'builder-template-editor.png') });
    await page.goto(`${platform.api.url}/#/outbox`);
    await page.getByText('[Test] Hi Grace').first().waitFor({ timeout: 30_000 });
  });

  it('creates offers, adds uploaded and generated codes, and shows codes left and expiry', async () => {
    await page.goto(`${platform.api.url}/#/offers`);
    const form = page.getByRole('form', { name: 'New offer' });
    await form.getByLabel('Name').fill('SPRING');
    await form.getByLabel('Percent off').fill('15');
    await form.getByLabel('Expires').fill('2031-04-30T12:00');
    await form.getByRole('button', { name: 'Create offer' }).click();
    const row = page.getByRole('row').filter({ hasText: 'SPRING' });
    await row.waitFor();
    expect(await row.getByTestId('codes-left').textContent()).toBe('0');
    expect(await row.textContent()).toContain('2031');

    await row.getByLabel('Codes, one per line').fill('SPRING-A\nSPRING-B\n\nSPRING-C\n');
    await row.getByRole('button', { name: 'Add 3 codes' }).click();
    await expect.poll(() => row.getByTestId('codes-left').textContent(), shown).toBe('3');
    await row.getByLabel('Generate').fill('25');
    await row.getByRole('button', { name: 'Generate codes' }).click();
    await expect.poll(() => row.getByTestId('codes-left').textContent(), shown).toBe('28');
  });

  it('starts a journey from each starter; each lists only the choices left to make', async () => {
    const starterNames = ['Welcome series', 'Trial conversion', 'Win back inactive customers', 'Post-purchase review + referral'];
    for (const [index, starter] of starterNames.entries()) {
      await page.goto(`${platform.api.url}/#/journeys/new`);
      await page.locator('.starter', { hasText: starter }).locator('input').check();
      await page.getByRole('button', { name: 'Create journey' }).click();
      await page.locator('.react-flow__node').first().waitFor();
      // Every problem a starter has is a template or offer to choose, each on its own step.
      await expect.poll(() => page.locator('.problems-panel h2').textContent(), shown).toMatch(/problem|No problems/);
      const problems = await page.locator('.problems-panel li').allTextContents();
      for (const problem of problems) expect(problem).toMatch(/template|offer/i);
      // The journey's start is in view, at a zoom where its text is readable (a tall starter is a pan away).
      const canvas = await page.locator('.editor-canvas').boundingBox();
      await expect.poll(async () => {
        const box = await page.locator('.react-flow__node-trigger').boundingBox();
        return Boolean(box && canvas && box.y >= canvas.y - 1 && box.y + box.height <= canvas.y + canvas.height + 1);
      }, shown).toBe(true);
      // The viewport's transform is matrix(zoom, 0, 0, zoom, x, y).
      const transform = await page.locator('.editor-canvas .react-flow__viewport').evaluate((el) => (globalThis as unknown as { getComputedStyle: (el: unknown) => { transform: string } }).getComputedStyle(el).transform);
      const zoom = Number(/matrix\(([^,]+)/.exec(transform)?.[1] ?? 'NaN');
      expect(zoom).toBeGreaterThanOrEqual(11 / 12 - 0.001);
      if (index === 0) await page.screenshot({ path: join(artifacts, 'builder-starter.png') });
    }
  });

  it('copies, pastes and deletes steps with the keyboard, and deletes undo', async () => {
    await page.goto(`${platform.api.url}/#/journeys/new`);
    await page.getByRole('button', { name: 'Create journey' }).click();
    await page.locator('.react-flow__pane').waitFor();
    await dropFromPalette('wait', 300, 120);
    await page.locator(node('wait_1')).click();
    await page.keyboard.press('Control+c');
    // Several rounds: a key event React Flow missed (it once re-subscribed its listeners on every render) left the key
    // "held", and the next Delete did nothing — about one round in twenty on a busy machine.
    for (let round = 0; round < 8; round += 1) {
      await page.keyboard.press('Control+v');
      await expect.poll(() => page.locator('.react-flow__node').count(), shown).toBe(2);
      await page.keyboard.press('Delete');
      await expect.poll(() => page.locator('.react-flow__node').count(), shown).toBe(1);
    }
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count(), shown).toBe(2);

    // Auto-layout tidies the steps and fits them all into view.
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await expect.poll(async () => {
      const canvas = await page.locator('.editor-canvas').boundingBox();
      const boxes = await Promise.all((await page.locator('.react-flow__node').all()).map((card) => card.boundingBox()));
      return boxes.every((box) => box && canvas && box.y >= canvas.y && box.y + box.height <= canvas.y + canvas.height && box.x >= canvas.x);
    }, shown).toBe(true);
  });
});
