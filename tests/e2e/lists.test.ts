import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';
import { publishSentinelJourney } from './sentinel';

/** trigger `signed_up` → wait a day → exit: each customer who signs up stays in progress for the whole test. */
const waitingDraft = {
  nodes: [
    { id: 'start', type: 'trigger', label: 'Signed up', event: 'signed_up', reentry: { policy: 'once' } },
    { id: 'wait', type: 'wait', label: 'A day', duration: { amount: 1, unit: 'days' } },
    { id: 'done', type: 'exit', label: 'Done' },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceExit: 'next', target: 'wait' },
    { id: 'e2', source: 'wait', sourceExit: 'next', target: 'done' },
  ],
  goal: { kind: 'event', event: 'purchase', window: { amount: 7, unit: 'days' } },
};

describe('journeys and customers lists, the traits table and in-app confirmations, in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let consoleErrors: { errors: string[] };
  let welcomeId = '';
  let passSentinel: (customerId: string, email: string) => Promise<void>;
  const browserDialogs: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const { call, identify, track } = platform.client;
    passSentinel = await publishSentinelJourney(platform);
    welcomeId = (await call<{ id: string }>('POST', '/api/journeys', { name: 'Welcome series', lifecycleStage: 'trial', draft: waitingDraft })).id;
    await call('POST', `/api/journeys/${welcomeId}/publish`);
    await call('POST', '/api/journeys', { name: 'Winback <img src=x onerror=alert(1)>', draft: { nodes: [], edges: [] } });
    await identify('cust-10', { email: 'cust-10@example.com', name: 'Zoe Ten' });
    await identify('cust-2', { email: 'cust-2@example.com', firstName: 'Ada', lastName: 'Two' });
    await identify('cust-1', {
      email: 'cust-1@example.com',
      name: 'Bea One',
      plan: 'pro',
      address: { city: 'Lisbon', geo: { lat: 38.7 } },
      tags: ['vip', 'beta'],
      bio: `A very long biography ${'that keeps going '.repeat(30)}to the end.`,
    });
    await track('cust-1', 'signed_up');
    ({ browser } = await launchBrowser());
    // axe-core is injected as an inline script, which the app's Content-Security-Policy rightly refuses: let the test page in.
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    // No browser confirm()/alert() may ever open: every one is recorded and fails the last test.
    page.on('dialog', (dialog) => {
      browserDialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await signIn(page, platform.api.url, E2E_ADMIN);
    // From here on (signed in: the sign-in page's own 401 is expected).
    consoleErrors = watchConsoleErrors(page);
    // Starting every process takes minutes when the machine is shared and loaded.
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const journeyRows = () => page.getByRole('table', { name: 'Journeys' }).locator('tbody tr');
  const journeyNames = () => journeyRows().locator('td:first-child').allTextContents();
  const rowOf = (name: string) => journeyRows().filter({ has: page.getByRole('link', { name, exact: true }) });
  const statusButton = (label: string) => page.getByRole('group', { name: 'Status' }).getByRole('button', { name: new RegExp(`^${label}`) });

  it('lists journeys with live counts, searches by name and filters by status, with an empty state', async () => {
    await page.goto(`${platform.api.url}/#/journeys`);
    await expect.poll(async () => (await journeyNames()).sort(), shown).toEqual(['Test sentinel', 'Welcome series', 'Winback <img src=x onerror=alert(1)>']);
    // cust-1 waits in the welcome journey: one in progress, counted from the analytics run counters.
    await expect.poll(() => rowOf('Welcome series').getByTestId('in-progress').textContent(), shown).toBe('1');
    expect(await rowOf('Welcome series').getByTestId('converted').textContent()).toBe('0');
    expect(await statusButton('All').textContent()).toBe('All (3)');
    await page.screenshot({ path: '/tmp/lists-journeys.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Search by name').fill('WELC');
    await expect.poll(journeyNames, shown).toEqual(['Welcome series']);
    await page.getByLabel('Search by name').fill('');
    await statusButton('Draft').click();
    await expect.poll(journeyNames, shown).toEqual(['Winback <img src=x onerror=alert(1)>']);
    expect(await statusButton('Draft').getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('Search by name').fill('nothing like this');
    await page.getByText('No draft journeys match "nothing like this"').waitFor();
    await page.screenshot({ path: '/tmp/lists-journeys-empty.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Show all journeys' }).click();
    await expect.poll(async () => (await journeyNames()).length, shown).toBe(3);
  });

  it('duplicates a journey into a new draft "Copy of …" and opens it in the editor', async () => {
    await page.getByRole('button', { name: 'Duplicate journey "Welcome series"' }).click();
    await expect.poll(() => page.locator('#journey-name').inputValue(), shown).toBe('Copy of Welcome series');
    const copyId = decodeURIComponent(/#\/journeys\/([^?]+)/.exec(page.url())?.[1] ?? '');
    expect(copyId).not.toBe(welcomeId);
    const copy = await platform.client.call<{ status: string; draft: unknown; lifecycleStage: string | null }>('GET', `/api/journeys/${copyId}`);
    expect(copy).toMatchObject({ status: 'draft', lifecycleStage: 'trial', draft: waitingDraft });
  });

  it('archives a journey: hidden from the list, shown under Archived, no new entries, runs in flight carry on; then unarchives it', async () => {
    await page.goto(`${platform.api.url}/#/journeys`);
    await page.getByRole('button', { name: 'Archive journey "Welcome series"' }).click();
    await page.getByRole('status').filter({ hasText: 'Archived "Welcome series": it takes no new customers. 1 run in flight carries on.' }).waitFor();
    await expect.poll(journeyNames, shown).not.toContain('Welcome series');
    await statusButton('Archived').click();
    await expect.poll(journeyNames, shown).toEqual(['Welcome series']);
    await expect.poll(() => rowOf('Welcome series').locator('.badge').textContent(), shown).toBe('archived');
    await page.screenshot({ path: '/tmp/lists-journeys-archived.png' });

    // A real event while archived starts nothing (the sentinel proves cust-2's events were dispatched); cust-1 still waits.
    await platform.client.track('cust-2', 'signed_up');
    await passSentinel('cust-2', 'cust-2@example.com');
    const runs = (await platform.client.runsOf(welcomeId)).runs;
    expect(runs.map((run) => [run.customerId, run.status])).toEqual([['cust-1', 'waiting']]);

    await page.getByRole('button', { name: 'Unarchive journey "Welcome series"' }).click();
    await page.getByText('Nothing is archived').waitFor();
    await statusButton('Live').click();
    await expect.poll(journeyNames, shown).toEqual(expect.arrayContaining(['Welcome series']));
    await platform.client.track('cust-10', 'signed_up');
    await expect.poll(async () => (await platform.client.runsOf(welcomeId)).runs.map((run) => run.customerId).sort(), shown).toEqual(['cust-1', 'cust-10']);
  });

  it('confirms a delete in an accessible dialog: focus stays inside, Escape keeps the journey, Yes deletes it', async () => {
    await page.goto(`${platform.api.url}/#/journeys`);
    await statusButton('Draft').click();
    const name = 'Winback <img src=x onerror=alert(1)>';
    await expect.poll(journeyNames, shown).toContain(name);
    await page.getByRole('button', { name: `Delete journey "${name}"` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Delete journey "${name}"?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Its draft and every published version go');
    expect(await page.locator(':focus').textContent()).toBe('Keep it');
    await page.screenshot({ path: '/tmp/lists-confirm-dialog.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Tab moves within the modal dialog (past its end Chromium may step into the browser's own UI), never onto the page behind it.
    for (let press = 0; press < 4; press++) {
      await page.keyboard.press('Tab');
      const focused = await page.locator(':focus').count();
      expect(focused === 0 || (await dialog.locator(':focus').count()) === 1).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await journeyNames()).toContain(name);
    // Focus went back to the button that opened the dialog.
    expect(await page.locator(':focus').getAttribute('aria-label')).toBe(`Delete journey "${name}"`);

    await page.getByRole('button', { name: `Delete journey "${name}"` }).click();
    await dialog.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('status').filter({ hasText: `Deleted "${name}".` }).waitFor();
    await expect.poll(journeyNames, shown).not.toContain(name);
  });

  const customerIds = () => page.getByRole('table', { name: 'Customers' }).locator('tbody tr td:first-child').allTextContents();
  const columnOf = (index: number) => page.getByRole('table', { name: 'Customers' }).locator(`tbody tr td:nth-child(${index})`).allTextContents();

  it('lists customers with name and email, in natural order by the column headers, with a total', async () => {
    await page.goto(`${platform.api.url}/#/customers`);
    await expect.poll(customerIds, shown).toEqual(['cust-1', 'cust-2', 'cust-10']);
    expect(await columnOf(2)).toEqual(['Bea One', 'Ada Two', 'Zoe Ten']);
    expect(await columnOf(3)).toEqual(['cust-1@example.com', 'cust-2@example.com', 'cust-10@example.com']);
    expect(await page.getByTestId('customers-total').textContent()).toBe('3 customers');
    const nameHeader = page.getByRole('columnheader', { name: 'Name' });
    await nameHeader.getByRole('button').click();
    await expect.poll(() => columnOf(2), shown).toEqual(['Ada Two', 'Bea One', 'Zoe Ten']);
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await nameHeader.getByRole('button').click();
    await expect.poll(() => columnOf(2), shown).toEqual(['Zoe Ten', 'Bea One', 'Ada Two']);
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('columnheader', { name: 'Customer' }).getByRole('button').click();
    await expect.poll(customerIds, shown).toEqual(['cust-1', 'cust-2', 'cust-10']);
    await page.screenshot({ path: '/tmp/lists-customers.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Id or email starts with').fill('nobody');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No customers match these filters').waitFor();
    expect(await page.getByTestId('customers-total').textContent()).toBe('0 customers match');
    await page.screenshot({ path: '/tmp/lists-customers-empty.png' });
  });

  it("shows the profile's traits as a table with dotted keys and wrapped long values, and confirms the delete in the app", async () => {
    await page.goto(`${platform.api.url}/#/customers/cust-1`);
    const traits = page.getByRole('table', { name: 'Traits' });
    await traits.waitFor();
    const rows = await traits.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent, tr.querySelector('td')?.textContent]));
    expect(rows).toEqual(
      expect.arrayContaining([
        ['address.city', 'Lisbon'],
        ['address.geo.lat', '38.7'],
        ['tags.0', 'vip'],
        ['tags.1', 'beta'],
        ['plan', 'pro'],
      ]),
    );
    // The long biography wraps inside the page instead of widening it.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.screenshot({ path: '/tmp/lists-profile.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(`${platform.api.url}/#/customers/cust-10`);
    await page.getByRole('button', { name: 'Delete customer' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete customer cust-10?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('This cannot be undone.');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await platform.client.call<{ customer: { id: string } }>('GET', '/api/customers/cust-10')).toMatchObject({ customer: { id: 'cust-10' } });
    await page.getByRole('button', { name: 'Delete customer' }).click();
    await dialog.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText(/Deleted cust-10; 1 active run\(s\) cancelled\./).waitFor();
    await page.goto(`${platform.api.url}/#/customers`);
    await expect.poll(customerIds, shown).toEqual(['cust-1', 'cust-2']);
  });

  it('deletes a user through the same dialog, and no browser dialog or console error ever appeared', async () => {
    await page.goto(`${platform.api.url}/#/admin/users`);
    await page.getByLabel('Email').fill('temp@example.com');
    await page.getByLabel('Password').fill('a-long-password-123');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('button', { name: 'Delete temp@example.com' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete user temp@example.com?' });
    await dialog.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('Deleted temp@example.com.').waitFor();
    expect(browserDialogs).toEqual([]);
    expect(consoleErrors.errors).toEqual([]);
  });
});
