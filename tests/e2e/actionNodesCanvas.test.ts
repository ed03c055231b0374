import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { dragBetween, launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const node = (id: string) => `.react-flow__node[data-id="${id}"]`;
const sourceHandle = (id: string, exit: string) => `${node(id)} .react-flow__handle.source[data-handleid="${exit}"]`;
const targetHandle = (id: string) => `${node(id)} .react-flow__handle.target`;

describe('webhook and notify-the-team steps on the canvas', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 0.001 });
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

  it('keeps a secret write-only in the admin page', async () => {
    const console = watchConsoleErrors(page);
    await page.goto(`${platform.api.url}/#/admin/outbound`);
    await page.getByLabel('Secret name').fill('CRM_TOKEN');
    await page.getByLabel('Value').fill('super-secret-value');
    await page.getByRole('button', { name: 'Save secret' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Secrets' }).textContent(), shown).toContain('CRM_TOKEN');
    expect(await page.content()).not.toContain('super-secret-value');
    await page.getByRole('textbox', { name: 'Host' }).fill('hooks.internal');
    await page.getByRole('button', { name: 'Allow host' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Allowed hosts' }).textContent(), shown).toContain('hooks.internal');
    await page.screenshot({ path: '/tmp/actionnodes-admin.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(console.errors).toEqual([]);
  });

  it('draws a webhook and a team note, explains what is missing in plain words, and publishes', async () => {
    await page.goto(`${platform.api.url}/#/journeys/new`);
    await page.getByLabel('Name').fill('Health drop outreach');
    await page.getByRole('button', { name: 'Create journey' }).click();
    await page.locator('.react-flow__pane').waitFor();

    await dropFromPalette('trigger', 320, 60);
    await page.getByLabel('Event name').fill('health_dropped');
    await dropFromPalette('webhook', 320, 210);
    await dropFromPalette('notify_team', 200, 380);
    await dropFromPalette('exit', 200, 530);
    await dropFromPalette('exit', 480, 380);
    await expect.poll(() => page.locator('.react-flow__node').count(), shown).toBe(5);
    await dragBetween(page, sourceHandle('trigger_1', 'next'), targetHandle('webhook_1'));
    await dragBetween(page, sourceHandle('webhook_1', 'succeeded'), targetHandle('notify_team_1'));
    await dragBetween(page, sourceHandle('webhook_1', 'failed'), targetHandle('exit_2'));
    await dragBetween(page, sourceHandle('notify_team_1', 'next'), targetHandle('exit_1'));
    await expect.poll(() => page.locator('.react-flow__edge').count(), shown).toBe(4);

    // Both new steps start incomplete: marked on the canvas, publishing refused.
    await expect.poll(() => page.locator(`${node('webhook_1')} .has-problems`).count(), shown).toBe(1);
    await expect.poll(() => page.locator(`${node('notify_team_1')} .has-problems`).count(), shown).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Publish' }).isDisabled(), shown).toBe(true);

    await page.locator(node('webhook_1')).click();
    await page.getByLabel('URL').fill('not a url');
    await expect.poll(() => page.getByRole('region', { name: 'Settings of webhook_1' }).textContent(), shown).toContain('an absolute http:// or https:// address');
    await page.getByLabel('URL').fill('https://crm.example.com/hooks/health');
    await page.locator(node('notify_team_1')).click();
    await page.getByLabel('Address').fill('success@team.example.com');
    await expect.poll(() => page.locator('.has-problems').count(), shown).toBe(0);
    await expect.poll(() => page.locator(`${node('webhook_1')}`).textContent(), shown).toContain('POST crm.example.com');
    await expect.poll(() => page.locator(`${node('notify_team_1')}`).textContent(), shown).toContain('Email success@team.example.com');
    await page.screenshot({ path: '/tmp/actionnodes-canvas.png' });

    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), shown).toBe('saved');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
