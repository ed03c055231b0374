import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

/** trigger `joined` → grant the offer → email the code → exit. */
function grantJourney(offerId: string, templateId: string) {
  return {
    nodes: [
      { id: 'start', type: 'trigger', label: 'Joined', event: 'joined', reentry: { policy: 'once' } },
      { id: 'grant', type: 'offer', label: 'Welcome offer', offerId },
      { id: 'send', type: 'send_email', label: 'Send the code', templateId },
      { id: 'done', type: 'exit', label: 'Done' },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceExit: 'next', target: 'grant' },
      { id: 'e2', source: 'grant', sourceExit: 'next', target: 'send' },
      { id: 'e3', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
}

const OFFER = 'Welcome <b>twenty</b>';

describe('offers in the web app, on real processes', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let console: { errors: string[] };
  let offerId = '';
  const codes: Record<'ada' | 'bo', string> = { ada: '', bo: '' };

  const figure = (label: string) => page.getByRole('list', { name: 'Codes' }).getByRole('listitem', { name: new RegExp(`^${label}:`) }).getAttribute('aria-label');
  const expectAccessible = async () => expect(await seriousA11yViolations(page)).toEqual([]);

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    ({ browser } = await launchBrowser());
    // axe-core is injected as an inline script, which the app's Content-Security-Policy (rightly) blocks.
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await signIn(page, platform.api.url, E2E_ADMIN);
    // From here on: the sign-in page's own "who am I?" 401 is not an offers page's error.
    console = watchConsoleErrors(page);
    // Starting Temporal, the mail catcher, the API and the worker takes minutes when the machine is shared.
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('creates an offer with a discount; a bad percentage is explained next to its field and cleared when fixed', async () => {
    await page.goto(`${platform.api.url}/#/offers`);
    const form = page.getByRole('form', { name: 'New offer' });
    await form.getByLabel('Name').fill(OFFER);
    await form.getByLabel('Percent off').fill('120');
    await form.getByLabel('Codes', { exact: true }).selectOption('generated');
    await form.getByLabel('Code prefix').fill('WELCOME20-');
    await form.getByLabel('Description').fill('Twenty percent off your first order');
    await form.getByRole('button', { name: 'Create offer' }).click();
    const percent = form.getByLabel('Percent off');
    await expect.poll(() => percent.getAttribute('aria-invalid'), shown).toBe('true');
    expect(await form.locator('#offer-discountValue-error').textContent()).toBe('A percentage discount can be at most 100%');
    await page.screenshot({ path: '/tmp/offers-create-error.png' });
    await expectAccessible();

    await percent.fill('20');
    expect(await form.locator('#offer-discountValue-error').count()).toBe(0);
    await form.getByRole('button', { name: 'Create offer' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: OFFER, exact: true }) });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('20% off');
    expect(await row.textContent()).toContain('Twenty percent off your first order');
    offerId = decodeURIComponent((await row.getByRole('link', { name: OFFER, exact: true }).getAttribute('href'))!.split('/').pop()!);
  });

  it('a live journey grants codes (the prefix used as given); the issued list names each customer, linked to the profile', async () => {
    const template = await platform.client.createTemplate('Code mail', 'Your {{ offer.discount }} code: {{ offer.code }}', '<p>{{ offer.description }}: <b>{{ offer.code }}</b></p>');
    const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: 'Welcome <i>offer</i> journey', draft: grantJourney(offerId, template.id) });
    await platform.client.call('POST', `/api/journeys/${journey.id}/publish`);
    await platform.client.identify('ada', { email: 'ada@example.com', name: 'Ada Lovelace' });
    await platform.client.identify('bo', { email: 'bo@example.com', first_name: 'Bo', last_name: 'Diddley' });
    for (const who of ['ada', 'bo'] as const) {
      await platform.client.track(who, 'joined');
      const mail = await platform.waitForMail(`${who}@example.com`, /^Your 20% code: /, 180_000);
      codes[who] = mail.subject.replace('Your 20% code: ', '');
      expect(codes[who]).toMatch(/^WELCOME20-[A-Z2-7]{8}$/);
    }

    await page.goto(`${platform.api.url}/#/offers`);
    await page.getByRole('link', { name: OFFER, exact: true }).click();
    await page.getByRole('heading', { name: OFFER }).waitFor();
    const issued = page.getByRole('table', { name: 'Issued codes' });
    await expect.poll(() => issued.getByRole('row').count(), shown).toBe(3);
    const adaRow = issued.getByRole('row').filter({ hasText: codes.ada });
    expect(await adaRow.getByRole('link', { name: 'Ada Lovelace' }).getAttribute('href')).toBe('#/customers/ada');
    expect(await adaRow.textContent()).toContain('ada@example.com');
    expect(await adaRow.getByRole('cell').nth(3).textContent()).toBe('not yet');
    expect(await issued.getByRole('row').filter({ hasText: codes.bo }).getByRole('link', { name: 'Bo Diddley' }).count()).toBe(1);
    expect(await figure('Issued')).toBe('Issued: 2');
    expect(await figure('Redeemed')).toBe('Redeemed: 0');
    await page.screenshot({ path: '/tmp/offers-issued.png', fullPage: true });
    await expectAccessible();
  }, 400_000);

  it('an offer_redeemed event marks the code used; the redemption form does the same and explains a wrong code', async () => {
    await platform.client.track('ada', 'offer_redeemed', { code: codes.ada });
    const adaRow = page.getByRole('table', { name: 'Issued codes' }).getByRole('row').filter({ hasText: codes.ada });
    await expect
      .poll(async () => {
        await page.reload();
        await page.getByRole('heading', { name: OFFER }).waitFor();
        return adaRow.getByRole('cell').nth(3).textContent();
      }, shown)
      .not.toBe('not yet');
    expect(await figure('Redeemed')).toBe('Redeemed: 1');

    const redeem = page.getByRole('form', { name: 'Redeem a code' });
    await redeem.getByLabel('Code the customer used').fill('WELCOME20-NOPE');
    await redeem.getByRole('button', { name: 'Mark redeemed' }).click();
    await expect.poll(() => redeem.locator('#redeem-code-error').textContent(), shown).toBe('This offer has no code "WELCOME20-NOPE"');
    await redeem.getByLabel('Code the customer used').fill(codes.bo);
    await redeem.getByRole('button', { name: 'Mark redeemed' }).click();
    await page.getByRole('status').filter({ hasText: `Code ${codes.bo} marked redeemed.` }).waitFor();
    await expect.poll(() => figure('Redeemed'), shown).toBe('Redeemed: 2');
    await expect.poll(() => page.getByRole('table', { name: 'Issued codes' }).getByRole('row').filter({ hasText: codes.bo }).getByRole('cell').nth(3).textContent(), shown).not.toBe('not yet');
    await page.screenshot({ path: '/tmp/offers-redeemed.png', fullPage: true });
    await expectAccessible();
  });

  it('edits the discount while the journey is live, and refuses the delete naming the journey', async () => {
    const edit = page.getByRole('form', { name: 'Edit offer' });
    await edit.getByLabel('Discount').selectOption('amount');
    await edit.getByLabel('Amount off').fill('5');
    await edit.getByLabel('Currency').fill('EUR');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'saved' }).waitFor();
    await expect.poll(() => page.locator('.offer-terms strong').textContent(), shown).toBe('€5.00 off');

    await page.getByRole('button', { name: `Delete offer "${OFFER}"` }).click();
    await page.getByRole('alertdialog', { name: `Delete offer "${OFFER}"` }).getByRole('button', { name: 'Yes, delete' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'is used by' });
    await refusal.waitFor();
    expect(await refusal.getByRole('link').allTextContents()).toEqual(['Welcome <i>offer</i> journey']);
    await page.screenshot({ path: '/tmp/offers-delete-refused.png', fullPage: true });
    await expectAccessible();

    await page.goto(`${platform.api.url}/#/offers`);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: OFFER, exact: true }) });
    await expect.poll(() => row.getByRole('cell').nth(1).textContent(), shown).toBe('€5.00 off');
    expect([await row.getByTestId('codes-issued').textContent(), await row.getByTestId('codes-redeemed').textContent()]).toEqual(['2', '2']);
  });

  it('"Add 4 codes" that adds 3 says which code was skipped and why', async () => {
    const form = page.getByRole('form', { name: 'New offer' });
    await form.getByLabel('Name').fill('Spring pool');
    await form.getByLabel('Percent off').fill('10');
    await form.getByRole('button', { name: 'Create offer' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Spring pool', exact: true }) });
    await row.waitFor();
    await row.getByLabel('Codes, one per line').fill('SPRING-A\nSPRING-B\nSPRING-B\nSPRING-C');
    await row.getByRole('button', { name: 'Add 4 codes' }).click();
    await page.getByRole('status').filter({ hasText: '3 codes added to Spring pool; 3 left. 1 skipped: SPRING-B was in the list more than once.' }).waitFor();
    await row.getByLabel('Codes, one per line').fill('SPRING-A\nSPRING-D');
    await row.getByRole('button', { name: 'Add 2 codes' }).click();
    await page.getByRole('status').filter({ hasText: '1 code added to Spring pool; 4 left. 1 skipped: SPRING-A is already in the pool.' }).waitFor();
    await expect.poll(() => row.getByTestId('codes-left').textContent(), shown).toBe('4');
    await page.screenshot({ path: '/tmp/offers-list.png', fullPage: true });
    await expectAccessible();
    expect(console.errors.filter((error) => !/status of (400|404|409)/.test(error))).toEqual([]);
  });
});
