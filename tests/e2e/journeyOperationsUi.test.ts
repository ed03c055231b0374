import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

type RunRow = { workflowId: string; customerId: string; status: string; currentNodeId: string | null; versionId: string };

const day = { amount: 1, unit: 'days' };
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourceExit: 'next', target });
const NAME = 'Ops UI';

describe('journey operations in a real browser', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let console: { errors: string[] };
  let journeyId: string;
  let v2Id: string;
  let adminToken: string;

  const runsOf = async () => (await platform.client.call<{ runs: RunRow[] }>('GET', `/api/runs?journeyId=${journeyId}&limit=200`)).runs;
  const stateText = () => page.getByTestId('journey-operations-state').textContent();

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    const template = await platform.client.createTemplate('Step two', 'Step two', '<p>Step two</p>');
    const v1 = {
      nodes: [
        { id: 'start', type: 'trigger', event: 'ops_ui', reentry: { policy: 'once' } },
        { id: 'wait_1', type: 'wait', duration: day },
        { id: 'send', type: 'send_email', templateId: template.id },
        { id: 'done', type: 'exit' },
      ],
      edges: [edge('start', 'wait_1'), edge('wait_1', 'send'), edge('send', 'done')],
    };
    journeyId = (await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: NAME, draft: v1 })).id;
    await platform.client.call('POST', `/api/journeys/${journeyId}/publish`);
    for (const id of ['u1', 'u2', 'u3']) {
      await platform.client.identify(id, { email: `${id}@example.com` });
      await platform.client.track(id, 'ops_ui');
    }
    await waitFor(async () => (await runsOf()).filter((run) => run.status === 'waiting').length === 3, { timeoutMs: 60_000, intervalMs: 300, description: 'three runs waiting' });
    // Version 2 adds a second wait; the runs stay on version 1 (published with "keep").
    const v2 = { nodes: [...v1.nodes, { id: 'wait_2', type: 'wait', duration: day }], edges: [edge('start', 'wait_1'), edge('wait_1', 'wait_2'), edge('wait_2', 'send'), edge('send', 'done')] };
    await platform.client.call('PUT', `/api/journeys/${journeyId}`, { draft: v2 });
    v2Id = (await platform.client.call<{ id: string }>('POST', `/api/journeys/${journeyId}/publish`, { inFlight: { policy: 'keep' } })).id;
    adminToken = await adminApiToken(platform.api.url);
    ({ browser, page } = await launchBrowser());
    console = watchConsoleErrors(page);
    await signIn(page, platform.api.url, E2E_ADMIN);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('pauses with hold: a run whose wait ends is held before its email, shown on its page, and resume releases it', async () => {
    await page.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await expect.poll(stateText, shown).toBe('Live: taking new customers (3 runs in flight)');
    await page.getByRole('button', { name: `Pause journey "${NAME}"` }).click();
    await page.getByLabel(/Hold: each stops before its next step/).check();
    await page.screenshot({ path: '/tmp/operations-pause-dialog.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Pause journey', exact: true }).click();
    await expect.poll(stateText, shown).toBe('Paused: no new customers; runs held before their next step (3 runs in flight)');
    await expect.poll(() => page.getByRole('status').first().textContent(), shown).toContain('3 runs in flight held before their next step');

    const held = (await runsOf()).find((run) => run.customerId === 'u1');
    await fetch(`${platform.api.url}/api/runs/actions/skip-wait`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ workflowId: held?.workflowId }) });
    await page.goto(`${platform.api.url}/#/runs/${encodeURIComponent(held?.workflowId ?? '')}`);
    await expect.poll(() => page.getByText('held: journey paused', { exact: true }).count(), { timeout: 30_000, interval: 200 }).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/operations-held-run.png', fullPage: true });
    expect(await platform.inbox('u1@example.com')).toHaveLength(0);

    await page.goto(`${platform.api.url}/#/journeys/${journeyId}`);
    await page.getByRole('button', { name: `Resume journey "${NAME}"` }).click();
    await expect.poll(stateText, shown).toMatch(/^Live: taking new customers/);
    await platform.waitForMail('u1@example.com', /^Step two$/);
  }, 120_000);

  it('moves runs on older versions to the live version with the picker, after its dry-run counts', async () => {
    await expect.poll(() => page.getByRole('button', { name: 'Runs on older versions (2)…' }).count(), shown).toBe(1);
    await page.getByRole('button', { name: 'Runs on older versions (2)…' }).click();
    const select = page.getByLabel('Move runs at wait_1 of version 1 to');
    await expect.poll(() => page.getByTestId('waiting-1-wait_1').textContent(), shown).toBe('2');
    await expect.poll(() => select.inputValue(), shown).toBe('wait_1'); // proposed: the node of the same id
    await expect.poll(() => page.getByTestId('migration-totals').textContent(), shown).toMatch(/^2 runs move now; 0 runs mid-step .*; 0 runs stay on their version\.$/);
    await select.selectOption('');
    await expect.poll(() => page.getByTestId('migration-totals').textContent(), shown).toMatch(/^0 runs move now; .*; 2 runs stay on their version\.$/);
    await select.selectOption('wait_2');
    await expect.poll(() => page.getByTestId('migration-totals').textContent(), shown).toMatch(/^2 runs move now;/);
    await page.screenshot({ path: '/tmp/operations-migrate-picker.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Move runs' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), shown).toContain('2 runs sent to the live version');
    await waitFor(async () => (await runsOf()).filter((run) => run.status === 'waiting' && run.versionId === v2Id && run.currentNodeId === 'wait_2').length === 2, {
      timeoutMs: 60_000,
      intervalMs: 300,
      description: 'both runs waiting at wait_2 of version 2',
    });
  }, 120_000);

  it('stops after showing how many runs it cancels', async () => {
    await page.getByRole('button', { name: `Stop journey "${NAME}"` }).click();
    await expect.poll(() => page.getByTestId('stop-count').textContent(), shown).toBe('2');
    await page.screenshot({ path: '/tmp/operations-stop-dialog.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Stop and cancel 2 runs' }).click();
    await expect.poll(stateText, shown).toMatch(/^Stopped: no new customers/);
    await waitFor(async () => (await runsOf()).filter((run) => run.status === 'cancelled').length === 2, { timeoutMs: 60_000, intervalMs: 300, description: 'two runs cancelled' });
  }, 120_000);

  it('resumes from the journeys list row', async () => {
    await page.goto(`${platform.api.url}/#/journeys`);
    await page.getByRole('button', { name: `Resume journey "${NAME}"` }).click();
    await expect.poll(() => page.getByText(`Resumed "${NAME}": it takes new customers again`).count(), shown).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: `Pause journey "${NAME}"` }).count(), shown).toBe(1);
    await page.screenshot({ path: '/tmp/operations-journeys-list.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(console.errors).toEqual([]);
  }, 120_000);
});

async function adminApiToken(baseUrl: string): Promise<string> {
  const signIn = await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(E2E_ADMIN) });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const created = await fetch(`${baseUrl}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'e2e admin', role: 'admin' }) });
  return ((await created.json()) as { token: string }).token;
}
