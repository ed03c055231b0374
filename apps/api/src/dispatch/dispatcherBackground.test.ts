import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as db from '@lifecycle/db';
import { publishedJourney } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';
import { createDispatcher, type Dispatcher } from './dispatcher';
import * as lifecycleSweep from './lifecycleSweep';
import { gate as openOnce } from '@lifecycle/db/testing/concurrency';

// The dispatcher's background work over the asynchronous data access: on SQLite one connection, which a transaction
// holds while every other query waits. Timers are faked (only setInterval: the database and the dispatcher's own
// setImmediate run for real), so a test says exactly how many ticks passed while the database was held.

/** Counts the reads of the live trigger names (one per read of the events) and lets a test hold a mark in flight. */
vi.mock('@lifecycle/db', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@lifecycle/db')>();
  return { ...actual, liveTriggerNames: vi.fn(actual.liveTriggerNames), markEventsDispatched: vi.fn(actual.markEventsDispatched) };
});
/** Lets a test hold a lifecycle sweep in progress and see when it ended. */
vi.mock('./lifecycleSweep', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./lifecycleSweep')>();
  return { ...actual, sweepLifecycle: vi.fn(actual.sweepLifecycle) };
});

const actualDb = await vi.importActual<typeof import('@lifecycle/db')>('@lifecycle/db');
const actualSweep = await vi.importActual<typeof import('./lifecycleSweep')>('./lifecycleSweep');

/** Every gate is opened after each test, so a test that failed before opening one does not hold the teardown. */
const gates: (() => void)[] = [];

/** A gate opened by the test, or by the cleanup at the latest. */
function gate(): { open: () => void; passed: Promise<void> } {
  const made = openOnce();
  gates.push(made.open);
  return made;
}

/** Holds the database's one connection (a transaction left open) until `release()`. */
function holdDatabase(t: TestApp): { release: () => Promise<void> } {
  const held = gate();
  const transaction = t.db.transaction(async () => await held.passed);
  return {
    release: async () => {
      held.open();
      await transaction;
    },
  };
}

let t: TestApp;
let dispatcher: Dispatcher | undefined;
beforeEach(() => {
  t = testApp();
});
afterEach(async () => {
  for (const open of gates.splice(0)) open();
  await dispatcher?.stop();
  dispatcher = undefined;
  vi.useRealTimers();
  await t.close();
  vi.mocked(db.liveTriggerNames).mockImplementation(actualDb.liveTriggerNames);
  vi.mocked(db.markEventsDispatched).mockImplementation(actualDb.markEventsDispatched);
  vi.mocked(lifecycleSweep.sweepLifecycle).mockImplementation(actualSweep.sweepLifecycle);
});

const newDispatcher = (options: { lifecycleSweepMs?: number } = {}) => (dispatcher = createDispatcher({ db: t.db, runs: t.temporal, timeScale: 1, log: () => undefined, ...options }));

describe('the dispatcher in the background', () => {
  it('runs one lifecycle sweep at a time: ticks that come while one is in progress are skipped', async () => {
    await t.ready;
    const sweepHeld = gate();
    let started = 0;
    vi.mocked(lifecycleSweep.sweepLifecycle).mockImplementation(async (...args) => {
      started += 1;
      await sweepHeld.passed;
      return await actualSweep.sweepLifecycle(...args);
    });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const d = newDispatcher({ lifecycleSweepMs: 10 });
    d.start(60_000, 60_000);
    vi.advanceTimersByTime(100); // ten sweep ticks while the first sweep is still going
    expect(started).toBe(1);
    sweepHeld.open();
    await d.stop();
    vi.advanceTimersByTime(100);
    expect(started).toBe(1);
  });

  it('adds no pass or poll to the reads while a read is waiting for the database', async () => {
    await t.ready;
    const d = newDispatcher();
    await d.dispatchPending(); // takes the dispatch lease: the poll reads only while this process dispatches
    vi.mocked(db.liveTriggerNames).mockClear();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const database = holdDatabase(t);
    d.start(10, 10);
    vi.advanceTimersByTime(100); // ten pass ticks and ten poll ticks while the first read waits
    await database.release();
    await d.dispatchPending(); // after every read queued before it
    // The first tick's read and dispatchPending's own; one read per tick would make 21.
    expect(vi.mocked(db.liveTriggerNames).mock.calls.length).toBe(2);
  });

  it('wakes idle waiters only once every dispatched event is marked, even when a mark started earlier is still being written', async () => {
    await t.ready;
    await publishedJourney(t, { goalEvent: 'clicked_banner' });
    for (const userId of ['u1', 'u2']) await t.ingest('/v1/track', { userId, event: 'signed_up' });
    await t.dispatcher.dispatchPending();

    // u2's signal waits for Temporal; meanwhile u1's event is dispatched and its mark (started after that dispatch)
    // is held being written, as a slow database would.
    const temporalAnswers = gate();
    let u2Signalled = false;
    const signal = t.temporal.signalRun.bind(t.temporal);
    t.temporal.signalRun = async (workflowId, event) => {
      if (workflowId.includes('/u2/')) {
        u2Signalled = true;
        await temporalAnswers.passed;
      }
      return await signal(workflowId, event);
    };
    const markWritten = gate();
    let markStarted = false;
    vi.mocked(db.markEventsDispatched).mockImplementationOnce(async (...args) => {
      markStarted = true;
      await markWritten.passed;
      return await actualDb.markEventsDispatched(...args);
    });
    await t.ingest('/v1/batch', { batch: ['u1', 'u2'].map((userId) => ({ type: 'track', userId, event: 'clicked_banner' })) });
    await vi.waitFor(() => expect(u2Signalled && markStarted).toBe(true));

    const undispatchedAtIdle = t.dispatcher.idle().then(async () => (await t.undispatched()).map((event) => event.customerId));
    temporalAnswers.open();
    // Once u2's signal is through, the lane ends and the dispatcher decides it is idle without waiting on anything
    // but this process's database: by the time this test sees the signal, a dispatcher that ignored the mark still
    // being written has woken the waiter.
    await vi.waitFor(() => expect(t.temporal.signals.map((s) => s.workflowId).filter((id) => id.includes('/u2/'))).toHaveLength(1));
    markWritten.open();
    expect(await undispatchedAtIdle).toEqual([]);
    expect(await t.undispatched()).toEqual([]);
  });

  it('stops only once the lifecycle sweep in progress has ended', async () => {
    await t.ready;
    const sweepHeld = gate();
    let started = 0;
    let ended = 0;
    vi.mocked(lifecycleSweep.sweepLifecycle).mockImplementation(async (...args) => {
      started += 1;
      await sweepHeld.passed;
      const result = await actualSweep.sweepLifecycle(...args);
      ended += 1;
      return result;
    });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const d = newDispatcher({ lifecycleSweepMs: 10 });
    d.start(60_000, 60_000);
    vi.advanceTimersByTime(10);
    expect(started).toBe(1);
    const stopped = d.stop();
    sweepHeld.open();
    await stopped;
    expect(ended).toBe(1);
  });
});
