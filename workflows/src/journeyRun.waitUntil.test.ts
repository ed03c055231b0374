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

/*
 * Clock changes read from Intl, independently of the code under test (which uses luxon), so the DST test follows the
 * test server's clock in any year.
 */
/** The UTC offset of `zone` at `ms`, in minutes. */
function offsetMinutes(zone: string, ms: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The UTC midnight of the first day on or after `fromMs` on which `zone`'s clocks change in `direction`. */
function nextClockChange(zone: string, fromMs: number, direction: 'forward' | 'back'): number {
  for (let midnight = Date.parse(isoDate(fromMs)); midnight < fromMs + 800 * day; midnight += day) {
    const change = offsetMinutes(zone, midnight + day / 2) - offsetMinutes(zone, midnight - day / 2);
    if (direction === 'forward' ? change > 0 : change < 0) return midnight;
  }
  throw new Error(`${zone} has no clock change ${direction} after ${new Date(fromMs).toISOString()}`);
}

/** The instant of `time` on `date` on the wall clock of `zone` (a time that exists on that day). */
function localIso(date: string, time: string, zone: string): string {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  return new Date(asUtc - offsetMinutes(zone, asUtc - offsetMinutes(zone, asUtc) * 60_000) * 60_000).toISOString();
}

/** "15 Mar 2027" for "2027-03-15". */
const dayMonthYear = (date: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(Date.parse(date));

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
    // The next spring changes after the test server's clock (US clocks go forward in the second week of March, European
    // ones on the last Sunday of March, so the Monday after the US change is still winter time in Paris).
    const usChange = nextClockChange('America/New_York', (await harness.env.currentTimeMs()) + 3 * day, 'forward');
    const euChange = nextClockChange('Europe/Paris', usChange + day, 'forward');
    const usMonday = isoDate(usChange + day);
    const euMonday = isoDate(euChange + day);
    expect(Date.parse(usMonday)).toBeLessThan(euChange);
    const nycNine = localIso(usMonday, '09:00', 'America/New_York'); // 09:00 EDT
    const parisWinterNine = localIso(usMonday, '09:00', 'Europe/Paris'); // 09:00 CET
    const parisSummerNine = localIso(euMonday, '09:00', 'Europe/Paris'); // 09:00 CEST
    // Each Monday 09:00 is a different UTC hour than the same local time a week earlier: the waits do cross a change.
    expect(localIso(isoDate(usChange - 6 * day), '09:00', 'America/New_York')).not.toBe(new Date(Date.parse(nycNine) - 7 * day).toISOString());
    expect(localIso(isoDate(euChange - 6 * day), '09:00', 'Europe/Paris')).not.toBe(new Date(Date.parse(parisSummerNine) - 7 * day).toISOString());

    harness.world.customers.set('nyc', customer('nyc', { timezone: 'America/New_York' }));
    harness.world.customers.set('paris-winter', customer('paris-winter', { timezone: 'Europe/Paris' }));
    harness.world.customers.set('paris-summer', customer('paris-summer', { timezone: 'Europe/Paris' }));
    await skipTo(`${isoDate(usChange - 2 * day)}T12:00:00Z`); // the Friday before the US change
    const nyc = await waitUntilRun('nyc', mondayNine());
    const parisWinter = await waitUntilRun('paris-winter', mondayNine());
    expect((await harness.progressWhen(nyc, (p) => p.status === 'waiting')).waitingUntil).toBe(nycNine);
    expect((await harness.progressWhen(parisWinter, (p) => p.status === 'waiting')).waitingUntil).toBe(parisWinterNine);
    expect(await nyc.result()).toBe('completed');
    expect(await parisWinter.result()).toBe('completed');
    for (const [handle, expected] of [[nyc, nycNine], [parisWinter, parisWinterNine]] as const) {
      const leftMs = Date.parse(waitStep(handle).leftAt!);
      expect(leftMs).toBeGreaterThanOrEqual(Date.parse(expected));
      expect(leftMs).toBeLessThan(Date.parse(expected) + 60_000);
    }
    expect(waitStep(nyc).outcome).toBe(`waited until Mon ${dayMonthYear(usMonday)}, 09:00 EDT`);

    await skipTo(`${isoDate(euChange - 2 * day)}T12:00:00Z`); // the Friday before Europe's change
    const parisSummer = await waitUntilRun('paris-summer', mondayNine());
    expect((await harness.progressWhen(parisSummer, (p) => p.status === 'waiting')).waitingUntil).toBe(parisSummerNine);
    expect(await parisSummer.result()).toBe('completed');
    const leftMs = Date.parse(waitStep(parisSummer).leftAt!);
    expect(leftMs).toBeGreaterThanOrEqual(Date.parse(parisSummerNine));
    expect(leftMs).toBeLessThan(Date.parse(parisSummerNine) + 60_000);
    expect(waitStep(parisSummer).detail).toMatchObject({ until: parisSummerNine, zone: 'Europe/Paris', zoneSource: 'customer' });
    expect(waitStep(parisSummer).outcome).toBe(`waited until Mon ${dayMonthYear(euMonday)}, 09:00 CEST`);
  });
});
