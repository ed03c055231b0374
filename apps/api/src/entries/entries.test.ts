import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryDueOf, journeyEntrySchedule, requestEntryCheck, updateCustomer } from '@lifecycle/db';
import { ENTRY_DUE } from '@lifecycle/journey';
import { createDispatcher } from '../dispatch/dispatcher';
import { testApp, type TestApp } from '../testing/testApp';
import { runEntryJob } from './entryJob';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

function timedDraft(templateId: string, entry: object, reentry: object = { policy: 'once' }) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', entry, reentry },
      { id: 'send', type: 'send_email', templateId },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
}

let journeysMade = 0;
async function publishTimed(entry: object, reentry?: object) {
  journeysMade += 1;
  const template = await t.send('POST', '/api/templates', { name: `Reminder ${journeysMade}`, subject: 'Hi', html: '<p>Hi</p>' });
  const journey = await t.send('POST', '/api/journeys', { name: `Timed ${journeysMade}`, draft: timedDraft(template.body.id, entry, reentry) });
  expect(journey.status, journey.text).toBe(201);
  const version = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
  expect(version.status, version.text).toBe(201);
  return journey.body.id as string;
}

const identify = (userId: string, traits: Record<string, unknown>, at = new Date()) => t.ingest('/v1/identify', { userId, traits, timestamp: at.toISOString() });

/** One job tick at `now`, then every stored event dispatched; returns the customers whose runs started. */
async function tick(now: string) {
  const result = await runEntryJob(t.db, new Date(now));
  await t.dispatcher.dispatchPending();
  return result;
}

const startedFor = () => t.temporal.started.map((run) => run.input.customerId).sort();
/** "Mon 09:00": the weekday and time of `ms` on the wall clock of `zone`. */
const weekdayTimeIn = (zone: string, ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(ms);
const weeklyMonday = { kind: 'schedule', recurrence: { every: 'week', weekdays: ['mon'] }, time: '09:00', zone: { kind: 'customer' } };

describe('scheduled entries', () => {
  it("enters every customer at 09:00 on their own clock, once per occurrence, and a second tick enters nobody twice", async () => {
    await identify('paris', { timezone: 'Europe/Paris' });
    await identify('ny', { timezone: 'America/New_York' });
    await identify('nozone', {}); // the workspace's zone (UTC until an admin sets one)
    const journeyId = await publishTimed(weeklyMonday, { policy: 'always' });
    expect((await journeyEntrySchedule(t.db, journeyId)).map((row) => row.customerId).sort()).toEqual(['nozone', 'ny', 'paris']);

    // Each customer's next Monday 09:00 on their own clock. Which comes first depends on when the test runs (on a
    // Monday morning in UTC, Paris's 09:00 has passed and its next one is a week away), so tick at each in turn.
    const zones: Record<string, string> = { paris: 'Europe/Paris', ny: 'America/New_York', nozone: 'UTC' };
    const dues: { id: string; at: number }[] = [];
    for (const id of Object.keys(zones)) dues.push({ id, at: Date.parse((await entryDueOf(t.db, journeyId, id))!.dueAt!) });
    for (const due of dues) expect(weekdayTimeIn(zones[due.id]!, due.at)).toBe('Mon 09:00');
    dues.sort((a, b) => a.at - b.at);
    for (const due of dues) {
      const expected = dues.filter((other) => other.at <= due.at).map((other) => other.id).sort();
      await tick(new Date(due.at).toISOString());
      expect(startedFor()).toEqual(expected);
      await tick(new Date(due.at + 60_000).toISOString()); // a second tick enters nobody twice
      expect(startedFor()).toEqual(expected);
    }
    const paris = dues.find((due) => due.id === 'paris')!.at;
    const parisRun = t.temporal.started.find((run) => run.input.customerId === 'paris');
    expect(parisRun?.input.triggerEvent).toMatchObject({ name: ENTRY_DUE, properties: { journeyId, occurrence: new Date(paris).toISOString() } });
    expect(String(parisRun?.input.triggerEvent.properties.reason)).toMatch(/Every mon at 09:00.*09:00/);
    // The next occurrence is the following Monday, still 09:00 in Paris (7 days later, give or take the hour of a
    // clock change when the test runs in the week before one).
    const nextParis = Date.parse((await entryDueOf(t.db, journeyId, 'paris'))!.dueAt!);
    expect(weekdayTimeIn('Europe/Paris', nextParis)).toBe('Mon 09:00');
    expect(Math.abs(nextParis - paris - 7 * 86_400_000)).toBeLessThanOrEqual(3_600_000);
  });

  it('a schedule for a segment enters its members only; one who joins later is caught up; one who leaves is not entered', async () => {
    await identify('member', { plan: 'pro' });
    await identify('joiner', { plan: 'free' });
    await identify('widened', { plan: 'team' });
    const segment = await t.send('POST', '/api/segments', { name: 'Pro plan', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } });
    expect(segment.status, segment.text).toBe(201);
    const daily = { kind: 'schedule', recurrence: { every: 'day' }, time: '09:00', zone: { kind: 'fixed', zone: 'UTC' }, segmentId: segment.body.id };
    const journeyId = await publishTimed(daily, { policy: 'always' });
    const scheduled = async () => (await journeyEntrySchedule(t.db, journeyId)).map((row) => row.customerId).sort();
    expect(await scheduled()).toEqual(['member']);

    await identify('joiner', { plan: 'pro' }); // joins through an identify: scheduled as it arrives
    expect(await scheduled()).toEqual(['joiner', 'member']);
    // The marketer widens the segment: `widened` joins without any event of theirs; the next tick catches them up.
    const widen = await t.send('PUT', `/api/segments/${segment.body.id}`, {
      name: 'Pro plan',
      definition: { match: 'any', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }, { kind: 'trait', path: 'plan', op: 'eq', value: 'team' }] },
    });
    expect(widen.status, widen.text).toBe(200);
    await identify('member', { plan: 'free' }); // leaves the segment before its occurrence

    const due = Date.parse((await entryDueOf(t.db, journeyId, 'joiner'))!.dueAt!);
    expect((await entryDueOf(t.db, journeyId, 'member'))!.dueAt).toBe(new Date(due).toISOString());
    expect(await tick(new Date(due).toISOString())).toMatchObject({ entered: 1, dropped: 1, caughtUp: 1 });
    expect(startedFor()).toEqual(['joiner']);
    expect((await entryDueOf(t.db, journeyId, 'widened'))!.dueAt).toBe(new Date(due + 86_400_000).toISOString()); // the next 09:00 UTC

    expect(await tick(new Date(due + 86_400_000).toISOString())).toMatchObject({ entered: 2, dropped: 1 });
    expect(startedFor()).toEqual(['joiner', 'joiner', 'widened']);
    await identify('member', { plan: 'pro' }); // back in the segment: entered again at the next occurrence
    await tick(new Date(due + 2 * 86_400_000).toISOString());
    expect(startedFor()).toEqual(['joiner', 'joiner', 'joiner', 'member', 'widened', 'widened']);
  });

  it('re-entry once enters once ever, always at every occurrence', async () => {
    await identify('u1', { timezone: 'UTC' });
    const once = await publishTimed({ ...weeklyMonday, zone: { kind: 'fixed', zone: 'UTC' } }, { policy: 'once' });
    const always = await publishTimed({ ...weeklyMonday, zone: { kind: 'fixed', zone: 'UTC' } }, { policy: 'always' });
    const first = Date.parse((await entryDueOf(t.db, once, 'u1'))!.dueAt!);
    await tick(new Date(first).toISOString());
    await tick(new Date(first + 7 * 86_400_000).toISOString());
    await tick(new Date(first + 14 * 86_400_000).toISOString());
    const runsOf = (journeyId: string) => t.temporal.started.filter((run) => run.input.journeyId === journeyId).length;
    expect(runsOf(once)).toBe(1);
    expect(runsOf(always)).toBe(3);
  });

  it('a paused journey stops entering, and its rows go', async () => {
    await identify('u1', {});
    const journeyId = await publishTimed({ ...weeklyMonday, recurrence: { every: 'day' } });
    const due = (await entryDueOf(t.db, journeyId, 'u1'))!.dueAt!;
    await t.db.prepare(`UPDATE journeys SET status = 'paused' WHERE id = ?`).run(journeyId); // what pausing does to the row
    expect(await tick(due)).toMatchObject({ entered: 0, dropped: 1 });
    expect(t.temporal.started).toHaveLength(0);
    expect(await entryDueOf(t.db, journeyId, 'u1')).toBeUndefined();
  });

  it('new customers and a changed time zone are scheduled as they arrive', async () => {
    const journeyId = await publishTimed({ ...weeklyMonday, recurrence: { every: 'day' } });
    await identify('late', { timezone: 'Asia/Tokyo' });
    const tokyo = (await entryDueOf(t.db, journeyId, 'late'))!.dueAt!;
    expect(tokyo.slice(11, 16)).toBe('00:00'); // 09:00 in Tokyo
    await identify('late', { timezone: 'America/Los_Angeles' });
    expect((await entryDueOf(t.db, journeyId, 'late'))!.dueAt!.slice(11, 16)).toMatch(/^1[67]:00$/); // 09:00 in Los Angeles
  });
});

describe('date-trait entries', () => {
  it('enters 3 days before trial end; a changed trait reschedules; a past date does not enter', async () => {
    const in10Days = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await identify('trial', { trial_ends_at: in10Days, timezone: 'UTC' });
    await identify('expired', { trial_ends_at: '2020-01-01T00:00:00Z' });
    const journeyId = await publishTimed({ kind: 'date_trait', trait: 'trial_ends_at', when: { kind: 'before', offset: { amount: 3, unit: 'days' } }, zone: { kind: 'customer' } });
    expect((await journeyEntrySchedule(t.db, journeyId)).map((row) => [row.customerId, row.dueAt])).toEqual([
      ['expired', null],
      ['trial', new Date(Date.parse(in10Days) - 3 * 86_400_000).toISOString()],
    ]);
    const in20Days = new Date(Date.now() + 20 * 86_400_000).toISOString();
    await identify('trial', { trial_ends_at: in20Days });
    const moved = Date.parse((await entryDueOf(t.db, journeyId, 'trial'))!.dueAt!);
    expect(moved).toBe(Date.parse(in20Days) - 3 * 86_400_000);
    await tick(new Date(moved - 60_000).toISOString());
    expect(t.temporal.started).toHaveLength(0);
    await tick(new Date(moved).toISOString());
    expect(startedFor()).toEqual(['trial']);
  });
});

describe('traits changed outside ingest (a journey step)', () => {
  it('a requested check reschedules a changed date and schedules a new one, without entering early', async () => {
    await identify('old', { renewal_at: new Date(Date.now() + 10 * 86_400_000).toISOString() });
    await identify('fresh', {});
    const journeyId = await publishTimed({ kind: 'date_trait', trait: 'renewal_at', when: { kind: 'on' }, zone: { kind: 'customer' } });
    expect(await entryDueOf(t.db, journeyId, 'fresh')).toBeUndefined();
    const moved = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const now = new Date();
    // What the worker's update_customer activity does, then the one call it would add.
    for (const customerId of ['old', 'fresh']) {
      await updateCustomer(t.db, customerId, { traits: { renewal_at: moved } });
      await requestEntryCheck(t.db, customerId, now, ENTRY_DUE);
    }
    expect(await tick(now.toISOString())).toMatchObject({ entered: 0, rescheduled: 2 });
    expect((await entryDueOf(t.db, journeyId, 'old'))!.dueAt).toBe(moved);
    expect((await entryDueOf(t.db, journeyId, 'fresh'))!.dueAt).toBe(moved);
    await tick(moved);
    expect(startedFor()).toEqual(['fresh', 'old']);
  });
});

describe('workspace settings', () => {
  it('reads and sets the workspace time zone; an unknown zone is refused naming timeZone', async () => {
    expect((await t.send('GET', '/api/workspace/settings')).body).toEqual({ timeZone: 'UTC' });
    expect((await t.send('PUT', '/api/workspace/settings', { timeZone: 'Europe/Paris' })).body).toEqual({ timeZone: 'Europe/Paris' });
    const bad = await t.send('PUT', '/api/workspace/settings', { timeZone: 'Mars/Olympus<script>' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('timeZone');
    expect((await t.send('GET', '/api/workspace/settings')).body).toEqual({ timeZone: 'Europe/Paris' });
  });

  it('previews the next five entries of the draft for a real customer', async () => {
    await identify('ny', { timezone: 'America/New_York' });
    const journeyId = await publishTimed(weeklyMonday);
    const preview = await t.send('GET', `/api/journeys/${journeyId}/schedule/preview?customerId=ny`);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.zone).toBe('America/New_York');
    expect(preview.body.occurrences).toHaveLength(5);
    for (const occurrence of preview.body.occurrences) expect(occurrence.local).toMatch(/^Mon .* 09:00 /);
    expect(preview.body.scheduled).toEqual([{ customerId: 'ny', dueAt: preview.body.occurrences[0].at }]);
  });
});

describe('re-entry rules on timed entries', () => {
  /** Ticks at each of the journeys' due times in turn, with the dispatcher's clock (which the cooldown reads) at the tick. */
  async function clockedTicks(journeyIds: string[], customerId: string, occurrences: number): Promise<string[]> {
    let clock = new Date();
    await t.dispatcher.stop(); // hands the dispatch lease to this clocked dispatcher (one process dispatches at a time)
    const dispatcher = createDispatcher({ db: t.db, runs: t.temporal, timeScale: 1, now: () => clock, log: () => undefined });
    const dues: string[] = [];
    try {
      for (let occurrence = 0; occurrence < occurrences; occurrence += 1) {
        const due = (await entryDueOf(t.db, journeyIds[0]!, customerId))!.dueAt!;
        for (const journeyId of journeyIds) expect((await entryDueOf(t.db, journeyId, customerId))!.dueAt).toBe(due);
        dues.push(due);
        clock = new Date(due);
        await runEntryJob(t.db, clock);
        await dispatcher.dispatchPending();
      }
    } finally {
      await dispatcher.stop();
    }
    return dues;
  }
  /** The occurrences each journey entered the customer for. */
  const enteredAt = (journeyId: string) => t.temporal.started.filter((run) => run.input.journeyId === journeyId).map((run) => String(run.input.triggerEvent.properties.occurrence));

  it('a signup anniversary enters once ever under `once`, every year under `always`, and skips the years inside a cooldown', async () => {
    await identify('member', { signed_up_at: '2019-06-15T08:00:00Z' });
    const anniversary = { kind: 'date_trait', trait: 'signed_up_at', when: { kind: 'anniversary' }, time: '10:00', zone: { kind: 'fixed', zone: 'UTC' } };
    const once = await publishTimed(anniversary, { policy: 'once' });
    const always = await publishTimed(anniversary, { policy: 'always' });
    const cooldown = await publishTimed(anniversary, { policy: 'cooldown', cooldown: { amount: 400, unit: 'days' } });
    const years = await clockedTicks([once, always, cooldown], 'member', 3);
    expect(years.map((due) => due.slice(4))).toEqual(['-06-15T10:00:00.000Z', '-06-15T10:00:00.000Z', '-06-15T10:00:00.000Z']);
    expect(years.map((due) => Number(due.slice(0, 4)) - Number(years[0]!.slice(0, 4)))).toEqual([0, 1, 2]);
    expect(enteredAt(once)).toEqual([years[0]]);
    expect(enteredAt(always)).toEqual(years);
    expect(enteredAt(cooldown)).toEqual([years[0], years[2]]); // a year later is inside the 400 days; two years later is not
  });

  it('a weekly schedule with a 10-day cooldown enters every other week', async () => {
    await identify('u1', {});
    const journeyId = await publishTimed({ ...weeklyMonday, zone: { kind: 'fixed', zone: 'UTC' } }, { policy: 'cooldown', cooldown: { amount: 10, unit: 'days' } });
    const mondays = await clockedTicks([journeyId], 'u1', 4);
    expect(mondays.map((due) => weekdayTimeIn('UTC', Date.parse(due)))).toEqual(['Mon 09:00', 'Mon 09:00', 'Mon 09:00', 'Mon 09:00']);
    expect(enteredAt(journeyId)).toEqual([mondays[0], mondays[2]]);
  });
});
