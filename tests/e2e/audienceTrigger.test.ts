import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, watchConsoleErrors } from './accessibility';
import { launchBrowser, shown, signIn } from './browser';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';
import { publishSentinelJourney } from './sentinel';

const card = (id: string) => `.react-flow__node[data-id="${id}"]`;

/** trigger → exit, the trigger starting on an event until the marketer picks otherwise. */
function draftWith(trigger: Record<string, unknown>) {
  return {
    nodes: [
      { id: 'start', type: 'trigger', reentry: { policy: 'once' }, ...trigger },
      { id: 'done', type: 'exit' },
    ],
    edges: [{ id: 'e1', source: 'start', sourceExit: 'next', target: 'done' }],
  };
}

describe('the trigger form in a real browser: a segment picked by name, everyone already in it entered at publish', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let console: { errors: string[] };

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    ({ browser, page } = await launchBrowser());
    console = watchConsoleErrors(page);
    await signIn(page, platform.api.url, E2E_ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('picks "entering a segment" and the segment by name, ticks include-existing, publishes; the members enter and the card names the segment', async () => {
    const { call } = platform.client;
    const passSentinel = await publishSentinelJourney(platform);
    await call('POST', '/api/segments', { name: 'Power <b>users</b>', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'power', op: 'eq', value: true }] } });
    for (const [id, power] of [['ada', true], ['bob', true], ['cy', false]] as const) await platform.client.identify(id, { email: `${id}@example.com`, power });
    for (const id of ['ada', 'bob', 'cy']) await passSentinel(id, `${id}@example.com`);
    const journey = await call<{ id: string }>('POST', '/api/journeys', { name: 'Power onboarding', draft: draftWith({ event: 'signed_up' }) });

    await page.goto(`${platform.api.url}/#/journeys/${journey.id}`);
    await page.locator(card('start')).click();
    const startsWhen = page.getByLabel('Starts when');
    await startsWhen.waitFor();
    // The event name field belongs to event entries only.
    await expect.poll(() => page.getByLabel('Event name').count(), shown).toBe(1);
    await startsWhen.selectOption({ label: 'entering or leaving a segment' });
    await expect.poll(() => page.getByLabel('Event name').count(), shown).toBe(0);
    await expect.poll(() => page.getByLabel('Segment', { exact: true }).locator('option').allTextContents(), shown).toContain('Power <b>users</b>');
    await page.getByLabel('Segment', { exact: true }).selectOption({ label: 'Power <b>users</b>' });
    await page.getByLabel('Also enter everyone already in it when published').check();
    await expect.poll(() => page.locator(card('start')).textContent(), shown).toContain('When a customer enters “Power <b>users</b>”');
    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), shown).toBe('saved');
    await page.screenshot({ path: '/tmp/audience-trigger-form.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, showing what changed against the live version.
    await page.getByRole('alertdialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1.').waitFor();
    await expect.poll(async () => (await platform.client.runsOf(journey.id)).runs.map((run) => run.customerId).sort(), shown).toEqual(['ada', 'bob']);
    const saved = await call<{ draft: { nodes: { id: string; entry?: unknown; event?: unknown }[] } }>('GET', `/api/journeys/${journey.id}`);
    expect(saved.draft.nodes.find((node) => node.id === 'start')).toMatchObject({ entry: { kind: 'segment', on: 'entered', includeExisting: true } });
    expect(saved.draft.nodes.find((node) => node.id === 'start')?.event).toBeUndefined();

    // The runs page lists the members who entered.
    await page.goto(`${platform.api.url}/#/runs?journey=${journey.id}`);
    await expect.poll(() => page.locator('main').textContent(), shown).toMatch(/ada[\s\S]*bob|bob[\s\S]*ada/);
    await page.screenshot({ path: '/tmp/audience-runs.png' });
    expect(console.errors).toEqual([]);
  });

  it('shows a segment that no longer exists beside the picker, and offers to convert a raw segment_entered trigger', async () => {
    const { call } = platform.client;
    const gone = await call<{ id: string }>('POST', '/api/journeys', { name: 'Gone segment', draft: draftWith({ entry: { kind: 'segment', segmentId: 'seg_gone', on: 'entered', includeExisting: false } }) });
    await page.goto(`${platform.api.url}/#/journeys/${gone.id}`);
    await page.locator(card('start')).click();
    const picker = page.getByLabel('Segment', { exact: true });
    await expect.poll(() => picker.getAttribute('aria-invalid'), shown).toBe('true');
    const described = (await picker.getAttribute('aria-describedby')) ?? '';
    await expect.poll(() => page.locator(`[id="${described}"]`).textContent(), shown).toContain("starts on segment 'seg_gone', which does not exist (deleted?): choose another segment");
    await page.screenshot({ path: '/tmp/audience-gone-segment.png' });

    const segment = await call<{ id: string }>('POST', '/api/segments', { name: 'Trialing', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'trial', op: 'eq', value: true }] } });
    const legacy = await call<{ id: string }>('POST', '/api/journeys', {
      name: 'Raw trigger',
      draft: draftWith({ event: 'segment_entered', conditions: { match: 'all', conditions: [{ source: 'event', path: 'segmentId', op: 'eq', value: segment.id }] } }),
    });
    // Opened afresh, as after creating the segment elsewhere: the lists the editor loads include it.
    await page.goto(`${platform.api.url}/#/journeys/${legacy.id}`);
    await page.reload();
    await page.locator(card('start')).click();
    await expect.poll(() => page.getByRole('note').textContent(), shown).toContain('keeps working as it is');
    await page.getByRole('button', { name: 'Start on entering “Trialing” instead' }).click();
    await expect.poll(() => page.getByLabel('Starts when').inputValue(), shown).toBe('segment');
    await expect.poll(() => page.getByLabel('Segment', { exact: true }).inputValue(), shown).toBe(segment.id);
    await expect.poll(() => page.locator(card('start')).textContent(), shown).toContain('When a customer enters “Trialing”');
    await page.screenshot({ path: '/tmp/audience-converted.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A stage is picked from the configured stages; a schedule's fields are the generic ones.
    await page.getByLabel('Starts when').selectOption({ label: 'reaching a lifecycle stage' });
    await expect.poll(() => page.locator('.inspector').getByLabel('Stage', { exact: true }).locator('option').allTextContents(), shown).toContain('retention');
    await page.locator('.inspector').getByLabel('Stage', { exact: true }).selectOption('retention');
    await expect.poll(() => page.locator(card('start')).textContent(), shown).toContain('When a customer reaches “retention”');
    await page.getByLabel('Starts when').selectOption({ label: 'a schedule' });
    await expect.poll(() => page.getByLabel('Repeats').count(), shown).toBe(1);
    await page.screenshot({ path: '/tmp/audience-schedule.png' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(console.errors).toEqual([]);
  });
});
