import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traitsUpdatedEvent, type WaitUntil } from '@lifecycle/journey';
import type { StepRecord } from './activities';
import { journeyRunId } from './ids';
import { customerEventSignal, progressQuery, skipWaitSignal } from './messages';
import { graphOf } from './testing/graphs';
import { customerEvent, startJourneyHarness, type JourneyHarness, type RunHandle } from './testing/journeyHarness';
import { customer } from './testing/memoryActivities';

const day = 86_400_000;

let harness: JourneyHarness;
beforeAll(async () => {
  harness = await startJourneyHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/** signed_up → wait until `until` → exit. */
async function waitUntilRun(customerId: string, until: WaitUntil, options: { workspaceTimeZone?: string; timeScale?: number } = {}): Promise<RunHandle> {
  const graph = graphOf([{ id: 'wait', type: 'wait', until }, { id: 'done', type: 'exit' }], [['trigger', 'next', 'wait'], ['wait', 'next', 'done']]);
  return harness.start(graph, customerId, { workflowId: journeyRunId('waits', customerId, 'once'), ...options });
}

/** The wait step as last recorded (open while waiting, closed once it ended). */
function waitStep(handle: RunHandle): StepRecord {
  const steps = (harness.world.progress.get(handle.workflowId) ?? []).flatMap((call) => (call.step?.nodeId === 'wait' ? [call.step] : []));
  const last = steps.at(-1);
  if (!last) throw new Error(`no wait step recorded for ${handle.workflowId}`);
  return last;
}

/** Skips the test server's clock forward to `iso` (time only goes forward, so the tests below run in date order). */
async function skipTo(iso: string): Promise<void> {
  const now = await harness.env.currentTimeMs();
  const target = Date.parse(iso);
  if (target > now) await harness.env.sleep(target - now);
}

const mondayNine = (): WaitUntil => ({ kind: 'weekday_time', weekdays: ['mon'], time: '09:00', zone: { kind: 'customer' } });

describe('waits until a moment', () => {
  it('a date already past moves on at once, with the reason in the step', async () => {
    harness.world.customers.set('past', customer('past', { timezone: 'Europe/Paris' }));
    const handle = await waitUntilRun('past', { kind: 'date', at: '2020-11-03T09:00:00+01:00' });
    expect(await handle.result()).toBe('completed');
    const step = waitStep(handle);
    expect(step.outcome).toBe('Tue 3 Nov 2020, 09:00 CET is already past: moved on at once');
    expect(step.detail).toMatchObject({ zone: 'Europe/Paris', zoneSource: 'customer' });
    expect(harness.world.progress.get(handle.workflowId)?.some((call) => call.run.status === 'waiting')).toBe(false);
  });

  it('a missing date trait moves on at once, saying so', async () => {
    harness.world.customers.set('notrait', customer('notrait'));
    const handle = await waitUntilRun('notrait', { kind: 'trait_date', trait: 'renewal_at', when: { kind: 'before', offset: { amount: 1, unit: 'days' } }, zone: { kind: 'customer' } });
    expect(await handle.result()).toBe('completed');
    expect(waitStep(handle).outcome).toBe('no renewal_at: moved on at once');
  });

  it("an admin's skip ends the wait early; a customer without a zone waits on the workspace's clock", async () => {
    harness.world.customers.set('skipper', customer('skipper'));
    const handle = await waitUntilRun('skipper', mondayNine(), { workspaceTimeZone: 'America/New_York' });
    const waiting = await harness.progressWhen(handle, (p) => p.status === 'waiting');
    expect(new Date(waiting.waitingUntil!).toLocaleString('en-GB', { timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit' })).toBe('Mon 09:00');
    expect(waitStep(handle).detail).toMatchObject({ zone: 'America/New_York', zoneSource: 'workspace' });
    await handle.signal(skipWaitSignal);
    expect(await handle.result()).toBe('completed');
    expect(waitStep(handle).outcome).toMatch(/^skipped by admin after /);
    expect(waitStep(handle).detail).toMatchObject({ skipped: true });
  });

  it('a renewal wait keyed to a date trait ends at the new time when the trait changes mid-wait', async () => {
    const start = await harness.env.currentTimeMs();
    const renewal = new Date(start + 10 * day).toISOString().slice(0, 10); // a plain date: midnight in the customer's zone
    harness.world.customers.set('renewer', customer('renewer', { timezone: 'Europe/Paris', renewal_at: renewal }));
    const until: WaitUntil = { kind: 'trait_date', trait: 'renewal_at', when: { kind: 'before', offset: { amount: 1, unit: 'days' } }, time: '09:00', zone: { kind: 'customer' } };
    const handle = await waitUntilRun('renewer', until);
    const nineParis = (date: string) => new Date(`${date}T09:00:00${new Date(`${date}T12:00:00Z`).toLocaleString('en', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' }).slice(-6)}`).toISOString();
    const dayBefore = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) - day).toISOString().slice(0, 10);
    const first = await harness.progressWhen(handle, (p) => p.status === 'waiting');
    expect(first.waitingUntil).toBe(nineParis(dayBefore(renewal)));

    await harness.env.sleep(2 * day);
    const later = new Date(start + 20 * day).toISOString().slice(0, 10);
    harness.world.customers.set('renewer', customer('renewer', { timezone: 'Europe/Paris', renewal_at: later }));
    await handle.signal(customerEventSignal, traitsUpdatedEvent({ id: 'evt-identify-renewer', traits: { renewal_at: later }, timestamp: new Date().toISOString() }));
    const moved = await harness.progressWhen(handle, (p) => p.waitingUntil === nineParis(dayBefore(later)));
    expect(moved.status).toBe('waiting');
    expect(waitStep(handle).detail).toMatchObject({ until: nineParis(dayBefore(later)), moves: [expect.stringMatching(/^moved from .* to .* when the customer changed$/)] });

    expect(await handle.result()).toBe('completed');
    const step = waitStep(handle);
    expect(step.exit).toBe('next');
    expect(Date.parse(step.leftAt!)).toBeGreaterThanOrEqual(Date.parse(nineParis(dayBefore(later))));
    expect(Date.parse(step.leftAt!)).toBeLessThan(Date.parse(nineParis(dayBefore(later))) + 60_000);
  });

  it('a date trait moved into the past mid-wait moves on at once, with the reason', async () => {
    const start = await harness.env.currentTimeMs();
    harness.world.customers.set('lapsed', customer('lapsed', { timezone: 'Europe/Paris', renewal_at: new Date(start + 30 * day).toISOString() }));
    const handle = await waitUntilRun('lapsed', { kind: 'trait_date', trait: 'renewal_at', when: { kind: 'on' }, zone: { kind: 'customer' } });
    await harness.progressWhen(handle, (p) => p.status === 'waiting');
    harness.world.customers.set('lapsed', customer('lapsed', { timezone: 'Europe/Paris', renewal_at: '2026-11-03' }));
    await handle.signal(customerEventSignal, traitsUpdatedEvent({ id: 'evt-identify-lapsed', traits: { renewal_at: '2026-11-03' }, timestamp: new Date().toISOString() }));
    expect(await handle.result()).toBe('completed');
    expect(waitStep(handle).outcome).toBe('the customer changed: renewal_at is Tue 3 Nov 2026, 00:00 CET, already past: moved on at once');
  });

  it("a customer who moves zone mid-wait is woken at Monday 09:00 on their new clock", async () => {
    harness.world.customers.set('mover', customer('mover', { timezone: 'Europe/Paris' }));
    const handle = await waitUntilRun('mover', mondayNine());
    await harness.progressWhen(handle, (p) => p.status === 'waiting');
    harness.world.customers.set('mover', customer('mover', { timezone: 'America/New_York' }));
    await handle.signal(customerEventSignal, traitsUpdatedEvent({ id: 'evt-identify-mover', traits: { timezone: 'America/New_York' }, timestamp: new Date().toISOString() }));
    await harness.progressWhen(handle, () => (waitStep(handle).detail as { zone?: string } | null)?.zone === 'America/New_York');
    const moved = await handle.query(progressQuery);
    expect(new Date(moved.waitingUntil!).toLocaleString('en-GB', { timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit' })).toBe('Mon 09:00');
    expect(await handle.result()).toBe('completed');
    expect(waitStep(handle).outcome).toMatch(/^waited until Mon \d+ \w+ \d{4}, 09:00 EST$/);
  });

  it('an unrelated event does not move the wait', async () => {
    harness.world.customers.set('steady', customer('steady', { timezone: 'Europe/Paris' }));
    const handle = await waitUntilRun('steady', mondayNine());
    const before = await harness.progressWhen(handle, (p) => p.status === 'waiting');
    await handle.signal(customerEventSignal, customerEvent('evt-page-steady', 'page_viewed'));
    await handle.signal(customerEventSignal, traitsUpdatedEvent({ id: 'evt-identify-steady', traits: { plan: 'pro' }, timestamp: new Date().toISOString() }));
    expect(await handle.result()).toBe('completed');
    expect(waitStep(handle).detail).toMatchObject({ until: before.waitingUntil });
    expect(waitStep(handle).detail).not.toHaveProperty('moves');
  });

  it('a time scale shortens a wait until a moment, and the step keeps the moment itself', async () => {
    harness.world.customers.set('demo', customer('demo', { timezone: 'Europe/Paris' }));
    const moment = new Date((await harness.env.currentTimeMs()) + 4 * day).toISOString();
    const handle = await waitUntilRun('demo', { kind: 'date', at: moment }, { timeScale: 0.001 });
    const waiting = await harness.progressWhen(handle, (p) => p.status === 'waiting');
    const entered = Date.parse(waitStep(handle).enteredAt);
    expect(Date.parse(waiting.waitingUntil!)).toBeLessThan(entered + day / 100);
    expect(waitStep(handle).detail).toMatchObject({ until: moment });
    expect(await handle.result()).toBe('completed');
  });

  it('until Monday 09:00 in America/New_York and Europe/Paris ends at 09:00 local on both sides of each DST change', async () => {
    // US clocks go forward on Sun 14 Mar 2027, European ones on Sun 28 Mar 2027.
    harness.world.customers.set('nyc', customer('nyc', { timezone: 'America/New_York' }));
    harness.world.customers.set('paris-winter', customer('paris-winter', { timezone: 'Europe/Paris' }));
    harness.world.customers.set('paris-summer', customer('paris-summer', { timezone: 'Europe/Paris' }));
    await skipTo('2027-03-12T12:00:00Z'); // Friday
    const nyc = await waitUntilRun('nyc', mondayNine());
    const parisWinter = await waitUntilRun('paris-winter', mondayNine());
    expect((await harness.progressWhen(nyc, (p) => p.status === 'waiting')).waitingUntil).toBe('2027-03-15T13:00:00.000Z'); // 09:00 EDT
    expect((await harness.progressWhen(parisWinter, (p) => p.status === 'waiting')).waitingUntil).toBe('2027-03-15T08:00:00.000Z'); // 09:00 CET
    expect(await nyc.result()).toBe('completed');
    expect(await parisWinter.result()).toBe('completed');
    for (const [handle, expected] of [[nyc, '2027-03-15T13:00:00.000Z'], [parisWinter, '2027-03-15T08:00:00.000Z']] as const) {
      const leftMs = Date.parse(waitStep(handle).leftAt!);
      expect(leftMs).toBeGreaterThanOrEqual(Date.parse(expected));
      expect(leftMs).toBeLessThan(Date.parse(expected) + 60_000);
    }
    expect(waitStep(nyc).outcome).toBe('waited until Mon 15 Mar 2027, 09:00 EDT');

    await skipTo('2027-03-26T12:00:00Z'); // the Friday before Europe's change
    const parisSummer = await waitUntilRun('paris-summer', mondayNine());
    expect((await harness.progressWhen(parisSummer, (p) => p.status === 'waiting')).waitingUntil).toBe('2027-03-29T07:00:00.000Z'); // 09:00 CEST
    expect(await parisSummer.result()).toBe('completed');
    const leftMs = Date.parse(waitStep(parisSummer).leftAt!);
    expect(leftMs).toBeGreaterThanOrEqual(Date.parse('2027-03-29T07:00:00.000Z'));
    expect(leftMs).toBeLessThan(Date.parse('2027-03-29T07:00:00.000Z') + 60_000);
    expect(waitStep(parisSummer).detail).toMatchObject({ until: '2027-03-29T07:00:00.000Z', zone: 'Europe/Paris', zoneSource: 'customer' });
  });
});
