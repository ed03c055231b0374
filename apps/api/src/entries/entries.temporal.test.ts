import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryDueOf, events, journeyEntrySchedule, listRuns } from '@lifecycle/db';
import { JourneyGraph } from '@lifecycle/journey';
import { startMailCatcherProcess, startTemporalDevServer, startWorkerProcess, waitFor, type MailCatcherProcess, type TemporalDevServer, type WorkerProcess } from '../../../../tests/support/processes';
import { createDispatcher, type Dispatcher } from '../dispatch/dispatcher';
import { temporalRunStarter } from '../temporal';
import { testApp, type TestApp } from '../testing/testApp';
import { scheduleEntriesOnPublish } from './backfill';
import { runEntryJob } from './entryJob';

/*
 * The entry job against the real platform: a Temporal dev server, the real worker process and the mail catcher.
 * The job is driven with an injected clock; runs start in Temporal, the worker runs them and the email arrives.
 */

let t: TestApp;
let temporal: TemporalDevServer;
let mail: MailCatcherProcess;
let worker: WorkerProcess;
let dispatcher: Dispatcher;

beforeAll(async () => {
  t = testApp();
  temporal = await startTemporalDevServer();
  mail = await startMailCatcherProcess();
  worker = await startWorkerProcess({
    NODE_ENV: 'test',
    DATABASE_PATH: t.config.databasePath,
    ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : {}), // the test's Postgres database, when on Postgres
    TEMPORAL_ADDRESS: temporal.address,
    SMTP_URL: mail.smtpUrl,
    PUBLIC_URL: 'http://127.0.0.1:3000',
    TRACKING_SECRET: 'test-tracking-secret-0123456789',
  });
  const runs = temporalRunStarter({ namespace: 'default', sdk: { address: temporal.address, tls: false }, files: {} });
  // The real dispatcher takes the dispatch lease first, for the whole file: the app's own (recording) one stands by.
  dispatcher = createDispatcher({ db: t.db, runs, timeScale: 1, log: () => undefined, leaseMs: 60 * 60_000 });
  await dispatcher.dispatchPending();
});

afterAll(async () => {
  await dispatcher?.stop();
  await worker?.stop();
  await mail?.stop();
  await temporal?.stop();
  await t?.close();
});

let made = 0;
async function publishVersion(entry: object, reentry: object) {
  made += 1;
  const template = await t.send('POST', '/api/templates', { name: `Timed ${made}`, subject: `Timed ${made} for {{ customer.id }}`, html: '<p>Hello</p>' });
  const draft = {
    nodes: [
      { id: 'trigger', type: 'trigger', entry, reentry },
      { id: 'send', type: 'send_email', templateId: template.body.id },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
  const journey = await t.send('POST', '/api/journeys', { name: `Timed ${made}`, draft });
  const version = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
  expect(version.status, version.text).toBe(201);
  return { journeyId: journey.body.id as string, version: version.body as { id: string; version: number; graph: unknown } };
}
const publish = async (entry: object, reentry: object) => (await publishVersion(entry, reentry)).journeyId;

async function identify(userId: string, traits: Record<string, unknown>) {
  await t.ingest('/v1/identify', { userId, traits: { email: `${userId}@example.com`, ...traits } });
  // Stored; the real dispatcher (holding the lease) hands it to running runs with the entries, at the next tick.
}

async function tick(now: number) {
  const result = await runEntryJob(t.db, new Date(now));
  await dispatcher.dispatchPending();
  return result;
}

const runsOfJourney = async (journeyId: string) => await listRuns(t.db, { journeyId }, 100);
const completedRuns = async (journeyId: string) => (await runsOfJourney(journeyId)).filter((run) => run.status === 'completed');

/** The occurrence a run was entered for (its trigger event's `occurrence`). */
async function occurrencesOf(journeyId: string, customerId: string): Promise<string[]> {
  const triggers = new Set((await runsOfJourney(journeyId)).filter((run) => run.customerId === customerId).map((run) => run.triggerEventId));
  return (await t.db.select().from(events)).filter((event) => triggers.has(event.id)).map((event) => String(event.properties.occurrence)).sort();
}

const day = 86_400_000;

/*
 * Clock changes read from Intl, independently of the code under test (which uses luxon), so the DST test follows the
 * real clock in any year.
 */
/** The UTC offset of `zone` at `ms`, in minutes. */
function offsetMinutes(zone: string, ms: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The UTC midnight of the first day on or after `fromMs` on which `zone`'s clocks go forward. */
function nextSpringChange(zone: string, fromMs: number): number {
  for (let midnight = Date.parse(isoDate(fromMs)); midnight < fromMs + 800 * day; midnight += day) {
    if (offsetMinutes(zone, midnight + day / 2) > offsetMinutes(zone, midnight - day / 2)) return midnight;
  }
  throw new Error(`${zone} has no clock change after ${new Date(fromMs).toISOString()}`);
}

/** The instant of `time` on `date` on the wall clock of `zone` (a time that exists on that day). */
function localIso(date: string, time: string, zone: string): string {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  return new Date(asUtc - offsetMinutes(zone, asUtc - offsetMinutes(zone, asUtc) * 60_000) * 60_000).toISOString();
}

async function subjects(): Promise<string[]> {
  const response = await fetch(`${mail.httpUrl}/messages`);
  return ((await response.json()) as { messages: { subject: string }[] }).messages.map((message) => message.subject).sort();
}

describe('scheduled and date-trait entries on Temporal', () => {
  it('enters the due customers of a weekly journey once each; a second tick enters nobody twice; once vs always', async () => {
    await identify('paris', { timezone: 'Europe/Paris' });
    await identify('tokyo', { timezone: 'Asia/Tokyo' });
    const weekly = { kind: 'schedule', recurrence: { every: 'week', weekdays: ['mon', 'thu'] }, time: '09:00', zone: { kind: 'customer' } };
    const once = await publish(weekly, { policy: 'once' });
    const always = await publish(weekly, { policy: 'always' });
    const latest = Math.max(Date.parse((await entryDueOf(t.db, once, 'paris'))!.dueAt!), Date.parse((await entryDueOf(t.db, once, 'tokyo'))!.dueAt!));

    expect(await tick(latest)).toMatchObject({ entered: 4 });
    expect(await tick(latest)).toMatchObject({ entered: 0 });
    await waitFor(async () => (await completedRuns(once)).length === 2 && (await completedRuns(always)).length === 2, { description: 'four runs completed' });
    // The next occurrence of each (Monday or Thursday, 09:00 local) enters `always` again, never `once`.
    const next = Math.max(Date.parse((await entryDueOf(t.db, always, 'paris'))!.dueAt!), Date.parse((await entryDueOf(t.db, always, 'tokyo'))!.dueAt!));
    expect(next).toBeGreaterThan(latest);
    expect(await tick(next)).toMatchObject({ entered: 4 });
    await waitFor(async () => (await completedRuns(always)).length === 4, { description: 'the second occurrence entered always' });
    expect(await runsOfJourney(once)).toHaveLength(2);
    expect((await runsOfJourney(always)).map((run) => run.customerId).sort()).toEqual(['paris', 'paris', 'tokyo', 'tokyo']);
    await waitFor(async () => (await subjects()).filter((subject) => subject.startsWith('Timed ')).length === 6, { description: 'six emails' });
  });

  it('a date-trait journey whose trait changes is rescheduled and enters at the new date only', async () => {
    const renewal = Date.now() + 5 * 86_400_000;
    await identify('renewer', { renewal_at: new Date(renewal).toISOString(), timezone: 'America/New_York' });
    const journeyId = await publish({ kind: 'date_trait', trait: 'renewal_at', when: { kind: 'before', offset: { amount: 1, unit: 'days' } }, zone: { kind: 'customer' } }, { policy: 'always' });
    const first = Date.parse((await entryDueOf(t.db, journeyId, 'renewer'))!.dueAt!);
    const moved = renewal + 30 * 86_400_000;
    await identify('renewer', { renewal_at: new Date(moved).toISOString() });
    // (The weekly journeys of the test above enter this customer too; only this journey's runs are counted.)
    await tick(first);
    expect(await runsOfJourney(journeyId)).toHaveLength(0);
    const due = Date.parse((await entryDueOf(t.db, journeyId, 'renewer'))!.dueAt!);
    expect(due).toBe(moved - 86_400_000);
    await tick(due);
    expect(await runsOfJourney(journeyId)).toHaveLength(1);
    await waitFor(async () => (await completedRuns(journeyId)).length === 1, { description: 'the renewal run completed' });
    expect((await entryDueOf(t.db, journeyId, 'renewer'))!.dueAt).toBeNull();
  });
});

describe('a weekly entry across the spring clock changes', () => {
  it("a weekly Monday 09:00 entry stays 09:00 local in New York and Paris across each zone's change (on different weeks), and the runs complete", async () => {
    // Anchored a week before the next US change (second Sunday of March); the weeks run to the Monday after Europe's
    // (last Sunday of March), so New York changes after the first Monday and Paris two or three weeks later.
    const usChange = nextSpringChange('America/New_York', Date.now() + 8 * day);
    const euChange = nextSpringChange('Europe/Paris', usChange + day);
    const anchor = usChange - 7 * day;
    const mondays: string[] = [];
    for (let monday = anchor + day; monday <= euChange + day; monday += 7 * day) mondays.push(isoDate(monday));
    const zones = { 'dst-paris': 'Europe/Paris', 'dst-ny': 'America/New_York' } as const; // Paris's 09:00 comes first
    const expected = (id: keyof typeof zones) => mondays.map((monday) => localIso(monday, '09:00', zones[id]));
    // The UTC hour of 09:00 moves once in each zone, after the first Monday in New York and before the last in Paris.
    const hourMoves = (id: keyof typeof zones) => expected(id).flatMap((iso, week, all) => (week > 0 && iso.slice(11, 13) !== all[week - 1]!.slice(11, 13) ? [week] : []));
    expect(hourMoves('dst-ny')).toEqual([1]);
    expect(hourMoves('dst-paris')).toEqual([mondays.length - 1]);

    // A segment keeps the customers of the tests above out of this journey.
    const segment = await t.send('POST', '/api/segments', { name: 'DST cohort', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'cohort', op: 'eq', value: 'dst' }] } });
    expect(segment.status, segment.text).toBe(201);
    await identify('dst-paris', { timezone: 'Europe/Paris', cohort: 'dst' });
    await identify('dst-ny', { timezone: 'America/New_York', cohort: 'dst' });
    const weekly = { kind: 'schedule', recurrence: { every: 'week', weekdays: ['mon'] }, time: '09:00', zone: { kind: 'customer' }, segmentId: segment.body.id };
    const { journeyId, version } = await publishVersion(weekly, { policy: 'always' });
    expect((await journeyEntrySchedule(t.db, journeyId)).map((row) => row.customerId).sort()).toEqual(['dst-ny', 'dst-paris']);
    // What publishing did, as if it had been published on the anchor day.
    await scheduleEntriesOnPublish(t.db, { journeyId, versionId: version.id, version: version.version, graph: JourneyGraph.parse(version.graph) }, new Date(anchor));

    for (const [week, monday] of mondays.entries()) {
      for (const id of Object.keys(zones) as (keyof typeof zones)[]) {
        const due = (await entryDueOf(t.db, journeyId, id))!.dueAt!;
        expect(due, `${id}, Monday ${monday}`).toBe(expected(id)[week]);
        await tick(Date.parse(due));
        expect(await occurrencesOf(journeyId, id)).toEqual(expected(id).slice(0, week + 1));
      }
    }
    expect((await entryDueOf(t.db, journeyId, 'dst-paris'))!.dueAt).toBe(localIso(isoDate(euChange + 8 * day), '09:00', 'Europe/Paris'));
    await waitFor(async () => (await completedRuns(journeyId)).length === 2 * mondays.length, { timeoutMs: 120_000, description: `${2 * mondays.length} runs completed` });
    expect((await runsOfJourney(journeyId)).map((run) => run.customerId).sort()).toEqual([...mondays.map(() => 'dst-ny'), ...mondays.map(() => 'dst-paris')]);
  }, 180_000);
});
