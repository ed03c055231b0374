import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragBetween, launchBrowser, signIn } from './browser';
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
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);

    await dragBetween(page, sourceHandle('trigger_1', 'next'), targetHandle('send_email_1'));
    await dragBetween(page, sourceHandle('send_email_1', 'next'), targetHandle('wait_1'));
    await dragBetween(page, sourceHandle('wait_1', 'next'), targetHandle('exit_1'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);

    // The email step has no template yet: it is marked, listed, and publishing is refused.
    await expect.poll(() => page.locator(`${node('send_email_1')} .has-problems`).count()).toBe(1);
    await expect.poll(() => page.locator('.problems-panel li').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);

    // Choosing the problem selects the node; the inspector then offers the template picker.
    await page.locator('.problems-panel .problem-link').click();
    await page.getByLabel('Email template').selectOption(templateId);
    await expect.poll(() => page.locator('.has-problems').count()).toBe(0);
    await expect.poll(() => page.locator('.problems-panel h2').textContent()).toContain('No problems');

    // Undo brings the problem back, redo clears it again.
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.has-problems').count()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('.has-problems').count()).toBe(0);

    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1.').waitFor();

    await platform.client.identify('builder-ada', { email: 'builder-ada@example.com' });
    await platform.client.track('builder-ada', 'builder_signup');

    await expect.poll(() => page.locator(`${node('wait_1')} [data-testid="count-current"]`).textContent(), { timeout: 30_000, interval: 500 }).toBe('1 here');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'builder-editor.png') });

    await page.goto(`${platform.api.url}/#/outbox`);
    await page.getByText('Hello from the builder').first().waitFor({ timeout: 30_000 });
  });

  it('copies, pastes and deletes steps with the keyboard, and deletes undo', async () => {
    await page.goto(`${platform.api.url}/#/journeys/new`);
    await page.getByRole('button', { name: 'Create journey' }).click();
    await page.locator('.react-flow__pane').waitFor();
    await dropFromPalette('wait', 300, 120);
    await page.locator(node('wait_1')).click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
  });
});
