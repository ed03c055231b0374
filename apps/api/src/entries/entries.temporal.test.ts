import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryDueOf, listRuns } from '@lifecycle/db';
import { startMailCatcherProcess, startTemporalDevServer, startWorkerProcess, waitFor, type MailCatcherProcess, type TemporalDevServer, type WorkerProcess } from '../../../../tests/support/processes';
import { createDispatcher, type Dispatcher } from '../services/dispatcher';
import { temporalRunStarter } from '../temporal';
import { testApp, type TestApp } from '../testing/testApp';
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
    TEMPORAL_ADDRESS: temporal.address,
    SMTP_URL: mail.smtpUrl,
    PUBLIC_URL: 'http://127.0.0.1:3000',
    TRACKING_SECRET: 'test-tracking-secret-0123456789',
  });
  const runs = temporalRunStarter({ namespace: 'default', sdk: { address: temporal.address, tls: false }, files: {} });
  dispatcher = createDispatcher({ db: t.db, runs, timeScale: 1, log: () => undefined });
});

afterAll(async () => {
  await dispatcher?.stop();
  await worker?.stop();
  await mail?.stop();
  await temporal?.stop();
  await t?.close();
});

let made = 0;
async function publish(entry: object, reentry: object) {
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
  return journey.body.id as string;
}

async function identify(userId: string, traits: Record<string, unknown>) {
  await t.ingest('/v1/identify', { userId, traits: { email: `${userId}@example.com`, ...traits } });
  await t.dispatcher.idle(); // the app's own (recording) dispatcher has seen the identify; entries go through the real one
}

async function tick(now: number) {
  const result = runEntryJob(t.db, new Date(now));
  await dispatcher.dispatchPending();
  return result;
}

const runsOfJourney = (journeyId: string) => listRuns(t.db, { journeyId }, 100);
const completedRuns = (journeyId: string) => runsOfJourney(journeyId).filter((run) => run.status === 'completed');

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
    const latest = Math.max(Date.parse(entryDueOf(t.db, once, 'paris')!.dueAt!), Date.parse(entryDueOf(t.db, once, 'tokyo')!.dueAt!));

    expect(await tick(latest)).toMatchObject({ entered: 4 });
    expect(await tick(latest)).toMatchObject({ entered: 0 });
    await waitFor(() => completedRuns(once).length === 2 && completedRuns(always).length === 2, { description: 'four runs completed' });
    // The next occurrence of each (Monday or Thursday, 09:00 local) enters `always` again, never `once`.
    const next = Math.max(Date.parse(entryDueOf(t.db, always, 'paris')!.dueAt!), Date.parse(entryDueOf(t.db, always, 'tokyo')!.dueAt!));
    expect(next).toBeGreaterThan(latest);
    expect(await tick(next)).toMatchObject({ entered: 4 });
    await waitFor(() => completedRuns(always).length === 4, { description: 'the second occurrence entered always' });
    expect(runsOfJourney(once)).toHaveLength(2);
    expect(runsOfJourney(always).map((run) => run.customerId).sort()).toEqual(['paris', 'paris', 'tokyo', 'tokyo']);
    await waitFor(async () => (await subjects()).filter((subject) => subject.startsWith('Timed ')).length === 6, { description: 'six emails' });
  });

  it('a date-trait journey whose trait changes is rescheduled and enters at the new date only', async () => {
    const renewal = Date.now() + 5 * 86_400_000;
    await identify('renewer', { renewal_at: new Date(renewal).toISOString(), timezone: 'America/New_York' });
    const journeyId = await publish({ kind: 'date_trait', trait: 'renewal_at', when: { kind: 'before', offset: { amount: 1, unit: 'days' } }, zone: { kind: 'customer' } }, { policy: 'always' });
    const first = Date.parse(entryDueOf(t.db, journeyId, 'renewer')!.dueAt!);
    const moved = renewal + 30 * 86_400_000;
    await identify('renewer', { renewal_at: new Date(moved).toISOString() });
    // (The weekly journeys of the test above enter this customer too; only this journey's runs are counted.)
    await tick(first);
    expect(runsOfJourney(journeyId)).toHaveLength(0);
    const due = Date.parse(entryDueOf(t.db, journeyId, 'renewer')!.dueAt!);
    expect(due).toBe(moved - 86_400_000);
    await tick(due);
    expect(runsOfJourney(journeyId)).toHaveLength(1);
    await waitFor(() => completedRuns(journeyId).length === 1, { description: 'the renewal run completed' });
    expect(entryDueOf(t.db, journeyId, 'renewer')!.dueAt).toBeNull();
  });
});
