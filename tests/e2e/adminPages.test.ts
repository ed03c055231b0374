import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

const artifacts = join(process.cwd(), 'test-results');
const VIEWER = { email: 'viewer@e2e.example.com', password: 'viewer-password-0123' };

describe('admin and sign-in pages in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1, withoutAdmin: true });
    ({ browser, page } = await launchBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Lifecycle' }).waitFor();
  };

  it('creates the first admin from the setup link the API logged, then signs out and in again', async () => {
    const link = /Create the first admin within 24 hours at (\S+)/.exec(platform.api.logs())?.[1];
    expect(link).toBeDefined();
    // Before setup, nobody can sign in.
    await page.goto(`${platform.api.url}/#/journeys`);
    await page.getByRole('heading', { name: 'Sign in to Lifecycle' }).waitFor();

    await page.goto(link ?? '');
    await page.getByLabel('Email').fill(E2E_ADMIN.email);
    await page.getByLabel(/^Password/).fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Create admin' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.getByLabel('Signed-in user').textContent()).toContain(E2E_ADMIN.email);

    await signOut();
    await signIn(page, platform.api.url, E2E_ADMIN);
    // The link worked once only.
    const again = await fetch(`${platform.api.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link?.split('/setup/')[1], email: 'second@e2e.example.com', password: 'second-password-0123' }),
    });
    expect(again.ok).toBe(false);
  });

  it('adds a viewer, makes an API token and a write key (each shown once, each working), and the audit log shows a publish', async () => {
    await page.goto(`${platform.api.url}/#/admin/users`);
    const addUser = page.getByRole('form', { name: 'Add user' });
    await addUser.getByLabel('Email').fill(VIEWER.email);
    await addUser.getByLabel('Password').fill(VIEWER.password);
    await addUser.getByLabel('Role').selectOption('viewer');
    await addUser.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('row').filter({ hasText: VIEWER.email }).waitFor();

    await page.goto(`${platform.api.url}/#/admin/tokens`);
    const tokenForm = page.getByRole('form', { name: 'New API token' });
    await tokenForm.getByLabel('Name').fill('ci');
    await tokenForm.getByLabel('Role').selectOption('marketer');
    await tokenForm.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.locator('.secret-once code').textContent()) ?? '';
    expect(token.length).toBeGreaterThan(20);
    const withToken = await fetch(`${platform.api.url}/api/templates`, { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(200);
    await page.getByRole('row').filter({ hasText: 'ci' }).waitFor();
    expect(await page.getByRole('table').textContent()).not.toContain(token);

    await page.goto(`${platform.api.url}/#/admin/write-keys`);
    await page.getByRole('form', { name: 'New write key' }).getByLabel('Name').fill('website');
    await page.getByRole('button', { name: 'Create write key' }).click();
    const key = (await page.locator('.secret-once code').textContent()) ?? '';
    const identify = await fetch(`${platform.api.url}/v1/identify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
      body: JSON.stringify({ userId: 'admin-page-customer', traits: { email: 'apc@example.com' } }),
    });
    expect(identify.status).toBe(200);
    // Leaving the tab and coming back: the key is not shown again.
    await page.goto(`${platform.api.url}/#/admin/users`);
    await page.goto(`${platform.api.url}/#/admin/write-keys`);
    await page.getByRole('row').filter({ hasText: 'website' }).waitFor();
    expect(await page.locator('.secret-once').count()).toBe(0);

    const journeyId = await platform.client.publishWelcomeJourney();
    await page.goto(`${platform.api.url}/#/admin/audit`);
    const publishRow = page.getByRole('row').filter({ hasText: 'journey.publish' });
    await publishRow.waitFor();
    expect(await publishRow.textContent()).toContain(journeyId);
    expect(await publishRow.textContent()).toContain('version 1');
    // Who did it: the API token the script used.
    expect(await publishRow.textContent()).toContain('token e2e');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'admin-audit.png') });
  });

  it('a viewer sees journeys, templates and offers without any editing control', async () => {
    const journeys = await platform.client.call<{ journeys?: { id: string }[] } | { id: string }[]>('GET', '/api/journeys');
    const journeyId = (Array.isArray(journeys) ? journeys : (journeys.journeys ?? []))[0]?.id ?? 'none';
    await signOut();
    await signIn(page, platform.api.url, VIEWER);
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);

    await page.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByText('your role cannot change it').waitFor();
    expect(await page.locator('.palette').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await page.locator('.react-flow__node').first().click();
    const fields = page.locator('.editor-side select, .editor-side input');
    for (const field of await fields.all()) expect(await field.evaluate((el) => { const field = el as unknown as { disabled: boolean; readOnly?: boolean }; return field.disabled || field.readOnly === true; })).toBe(true);

    await page.goto(`${platform.api.url}/#/templates`);
    await page.getByRole('link', { name: 'Welcome' }).first().click();
    await page.getByLabel('Subject').waitFor();
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    expect(await page.getByLabel('Subject').evaluate((el) => (el as unknown as { readOnly: boolean }).readOnly)).toBe(true);

    await page.goto(`${platform.api.url}/#/offers`);
    await page.getByRole('row').filter({ hasText: 'WELCOME10' }).waitFor();
    expect(await page.getByRole('form', { name: 'New offer' }).count()).toBe(0);
  });
});
