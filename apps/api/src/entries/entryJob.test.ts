import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { entryDueOf } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';
import { startEntryJob } from './entryJob';
import { gate as openOnce } from '@lifecycle/db/testing/concurrency';

// The entry job in the background over the asynchronous data access: on SQLite one connection, which a transaction
// holds while every other query waits. Only setInterval is faked, so a test says how many ticks passed meanwhile.

/** Every gate is opened after each test, so a test that failed before opening one does not hold the teardown. */
const gates: (() => void)[] = [];

/** A gate opened by the test, or by the cleanup at the latest. */
function gate(): { open: () => void; passed: Promise<void> } {
  const made = openOnce();
  gates.push(made.open);
  return made;
}

/** Holds the database's one connection (a transaction left open) until `release()`. */
function holdDatabase(t: TestApp): { release: () => void } {
  const held = gate();
  void t.db.transaction(async () => await held.passed);
  return { release: held.open };
}

let t: TestApp;
let stop: (() => Promise<void> | void) | undefined;
beforeEach(async () => {
  t = testApp();
  await t.ready;
});
afterEach(async () => {
  for (const open of gates.splice(0)) open();
  await stop?.();
  stop = undefined;
  vi.useRealTimers();
  await t.close();
});

/** A customer due to enter a weekly journey; returns when. */
async function dueEntry(): Promise<Date> {
  await t.ingest('/v1/identify', { userId: 'ann', traits: {} });
  const template = await t.send('POST', '/api/templates', { name: 'Reminder', subject: 'Hi', html: '<p>Hi</p>' });
  const draft = {
    nodes: [
      { id: 'trigger', type: 'trigger', entry: { kind: 'schedule', recurrence: { every: 'week', weekdays: ['mon'] }, time: '09:00', zone: { kind: 'customer' } }, reentry: { policy: 'always' } },
      { id: 'send', type: 'send_email', templateId: template.body.id },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
  const journey = await t.send('POST', '/api/journeys', { name: 'Weekly', draft });
  expect((await t.send('POST', `/api/journeys/${journey.body.id}/publish`)).status).toBe(201);
  return new Date((await entryDueOf(t.db, journey.body.id, 'ann'))!.dueAt!);
}

describe('the entry job in the background', () => {
  it('runs once at a time: ticks that come while a run waits for the database are skipped', async () => {
    let runs = 0;
    const database = holdDatabase(t);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    stop = startEntryJob({ db: t.db, kick: () => undefined, now: () => {
        runs += 1;
        return new Date();
      } }, 10);
    vi.advanceTimersByTime(100); // ten ticks while the first run waits
    expect(runs).toBe(1);
    database.release();
    await stop();
    vi.advanceTimersByTime(100);
    expect(runs).toBe(1);
  });

  it('stops only once the run in progress has ended', async () => {
    const due = await dueEntry();
    let kicks = 0;
    const database = holdDatabase(t);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    stop = startEntryJob({ db: t.db, kick: () => void (kicks += 1), now: () => due, log: (message) => expect.fail(message) }, 10);
    vi.advanceTimersByTime(10); // a run starts and waits for the database
    const stopped = stop();
    database.release();
    await stopped;
    expect(kicks).toBe(1); // the run entered the customer and told the dispatcher, before stop() resolved
  });
});
