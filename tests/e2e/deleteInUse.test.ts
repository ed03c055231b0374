import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { launchBrowser, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

// A 1-day wait lasts ~69 s: the customers sit on it while their journeys are deleted (checked, not assumed).
const TIME_SCALE = 0.0008;

/** trigger → "First" email → wait 1 day → "Later" email → exit. */
function twoEmails(event: string, firstId: string, laterId: string) {
  return {
    nodes: [
      { id: 'start', type: 'trigger', label: 'Start', event, reentry: { policy: 'once' } },
      { id: 'first', type: 'send_email', label: 'First', templateId: firstId },
      { id: 'wait', type: 'wait', label: 'Wait a day', duration: { amount: 1, unit: 'days' } },
      { id: 'later', type: 'send_email', label: 'Later', templateId: laterId },
      { id: 'done', type: 'exit', label: 'Done' },
    ],
    edges: [
      { id: 'start-next', source: 'start', sourceExit: 'next', target: 'first' },
      { id: 'first-next', source: 'first', sourceExit: 'next', target: 'wait' },
      { id: 'wait-next', source: 'wait', sourceExit: 'next', target: 'later' },
      { id: 'later-next', source: 'later', sourceExit: 'next', target: 'done' },
    ],
  };
}

describe('deleting what live journeys use, on real processes', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  const journeys: Record<'api' | 'browser' | 'control', string> = { api: '', browser: '', control: '' };
  const runs: Record<'api' | 'browser', string> = { api: '', browser: '' };
  let firstTemplate = '';

  /** Calls the API, answering the status and body instead of throwing on an error status. */
  const raw = async (method: string, path: string) => {
    return platform.client.call(method, path).then(
      (body) => ({ status: 200, body, error: '' }),
      (error: Error) => ({ status: Number(/→ (\d{3})/.exec(error.message)?.[1] ?? 0), body: null, error: error.message }),
    );
  };
  const runOf = (who: 'api' | 'browser' | 'control') =>
    waitFor(async () => (await platform.client.runsOf(journeys[who])).runs.find((run) => run.customerId === `${who}-customer`), { description: `the ${who} run` });
  const status = async (workflowId: string) => (await platform.client.run(workflowId)).run.status;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: TIME_SCALE });
    ({ browser, page } = await launchBrowser());
    await signIn(page, platform.api.url, E2E_ADMIN);
    firstTemplate = (await platform.client.createTemplate('First mail', 'First {{ customer.id }}', '<p>First</p>')).id;
    const later = await platform.client.createTemplate('Later mail', 'Later {{ customer.id }}', '<p>Later</p>');
    // The deleted journeys' customers enter first, the control's last: once the control's "Later" has come, theirs was due.
    for (const who of ['api', 'browser', 'control'] as const) {
      const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: `Journey ${who}`, draft: twoEmails(`${who}_signup`, firstTemplate, later.id) });
      await platform.client.call('POST', `/api/journeys/${journey.id}/publish`);
      journeys[who] = journey.id;
      await platform.client.identify(`${who}-customer`, { email: `${who}@example.com` });
      await platform.client.track(`${who}-customer`, `${who}_signup`);
      await platform.waitForMail(`${who}@example.com`, /^First /);
    }
    runs.api = (await runOf('api')).workflowId;
    runs.browser = (await runOf('browser')).workflowId;
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('refuses to delete a template the live journeys send (409 naming them), and a journey with a run in flight (409 with the count)', async () => {
    expect(await status(runs.api)).toBe('waiting');
    const template = await raw('DELETE', `/api/templates/${firstTemplate}`);
    expect(template.status).toBe(409);
    for (const name of ['Journey api', 'Journey browser', 'Journey control']) expect(template.error).toContain(name);

    const journey = await raw('DELETE', `/api/journeys/${journeys.api}`);
    expect(journey.status).toBe(409);
    expect(journey.error).toContain('"runsInFlight":1');
    expect(await status(runs.api)).toBe('waiting');
  });

  it('DELETE with cancelRuns=true cancels the run in Temporal, then deletes the journey', async () => {
    await platform.client.call('DELETE', `/api/journeys/${journeys.api}?cancelRuns=true`);
    await waitFor(async () => (await status(runs.api)) === 'cancelled', { description: 'the run recorded cancelled by its workflow' });
    expect((await raw('GET', `/api/journeys/${journeys.api}`)).status).toBe(404);
  });

  it('in the web app: the template delete shows the journeys using it; a journey delete offers "cancel 1 run and delete"', async () => {
    expect(await status(runs.browser)).toBe('waiting');
    await page.goto(`${platform.api.url}/#/templates`);
    await page.getByRole('button', { name: 'Delete template "First mail"' }).click();
    await page.getByRole('alertdialog', { name: 'Delete template "First mail"' }).getByRole('button', { name: 'Yes, delete' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'is used by' });
    await refusal.waitFor();
    expect(await refusal.getByRole('link').allTextContents()).toEqual(['Journey browser', 'Journey control']);

    await page.goto(`${platform.api.url}/#/journeys`);
    await page.getByRole('button', { name: 'Delete journey "Journey browser"' }).click();
    await page.getByRole('alertdialog', { name: 'Delete journey "Journey browser"' }).getByRole('button', { name: 'Yes, delete' }).click();
    const inFlight = page.getByRole('alert').filter({ hasText: 'in flight' });
    await inFlight.waitFor();
    await inFlight.getByRole('button', { name: 'Cancel 1 run and delete' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Journey browser' }).count(), { timeout: 15_000 }).toBe(0);
    await waitFor(async () => (await status(runs.browser)) === 'cancelled', { description: 'the run recorded cancelled by its workflow' });
  });

  it('sends no later email to the customers of the deleted journeys', async () => {
    // The control journey's customer entered last: once its "Later" arrives, the others' were due too.
    await platform.waitForMail('control@example.com', /^Later /, 150_000);
    const control = (await runOf('control')).workflowId;
    await waitFor(async () => (await status(control)) === 'completed', { description: 'the control run to complete' });
    for (const who of ['api', 'browser'] as const) {
      expect((await platform.inbox(`${who}@example.com`)).map((message) => message.subject)).toEqual([`First ${who}-customer`]);
      expect(await status(runs[who])).toBe('cancelled');
    }
    const active = (await platform.client.call<{ runs: { status: string }[] }>('GET', '/api/runs?limit=200')).runs.filter((run) => run.status === 'running' || run.status === 'waiting');
    expect(active).toEqual([]);
  });
});
