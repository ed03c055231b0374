import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events } from '@lifecycle/db';
import { publishedJourney } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';
import { createDispatcher, type Dispatcher } from './dispatcher';

// Several API processes share one database (and one Temporal): each stores the events it receives, one of them
// dispatches. Here the second process is a second dispatcher over the same file and the same (recording) Temporal.

let t: TestApp;
let other: Dispatcher;
beforeEach(async () => {
  t = testApp();
  other = createDispatcher({ db: t.db, runs: t.temporal, timeScale: 1, log: () => undefined });
});
afterEach(async () => {
  await other.stop();
  await t.close();
});

const customers = Array.from({ length: 12 }, (_, index) => `c${index}`);
const undispatched = async () => (await t.db.select().from(events)).filter((event) => event.dispatchedAt === null);
/** Per customer, the `n` of each event their run was signalled, in the order Temporal received them. */
function signalledByCustomer(): Record<string, number[]> {
  const byCustomer: Record<string, number[]> = {};
  for (const signal of t.temporal.signals) {
    const customerId = customers.find((id) => signal.workflowId.includes(`/${id}/`)) ?? '?';
    (byCustomer[customerId] ??= []).push(Number(signal.event.properties.n));
  }
  return byCustomer;
}

/** Both processes' work settled: each has run a full pass over what is stored. */
async function settle() {
  await Promise.all([t.dispatcher.dispatchPending(), other.dispatchPending()]);
}

describe('dispatch across API processes', () => {
  it('one process dispatches at a time: every event reaches its run once, each customer in order', async () => {
    await publishedJourney(t, { goalEvent: 'clicked_banner' });
    for (const userId of customers) await t.ingest('/v1/track', { userId, event: 'signed_up' });
    await t.dispatcher.idle();

    // Temporal answers a signal after a moment, as a real server does: two processes' dispatches would overlap.
    const signal = t.temporal.signalRun.bind(t.temporal);
    t.temporal.signalRun = async (workflowId, event) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return signal(workflowId, event);
    };
    // Events arrive at both processes (a kick reaches only the process that stored them), both passing over the table.
    // Each customer's next event is sent once their last is stored: requests in flight together have no order of
    // their own (on Postgres they are stored side by side, in any order), and the dispatch order is the stored one.
    for (let n = 1; n <= 3; n += 1) {
      const sends: Promise<unknown>[] = [];
      for (const userId of customers) {
        sends.push(t.ingest('/v1/track', { userId, event: 'clicked_banner', properties: { n } }));
        other.kick();
      }
      await Promise.all(sends);
    }
    await settle();

    expect(await undispatched()).toHaveLength(0);
    expect(t.temporal.started).toHaveLength(customers.length);
    expect(signalledByCustomer()).toEqual(Object.fromEntries(customers.map((id) => [id, [1, 2, 3]])));
    expect([t.dispatcher.role(), other.role()].sort()).toEqual(['dispatching', 'standby']);
  });

  it('a standby takes over at once when the dispatching process stops, and dispatches what it stored meanwhile', async () => {
    await publishedJourney(t, { goalEvent: 'clicked_banner' });
    await t.ingest('/v1/track', { userId: 'c1', event: 'signed_up' });
    await t.dispatcher.idle();
    expect(t.dispatcher.role()).toBe('dispatching');

    await t.dispatcher.stop(); // a clean shutdown gives the lease up
    expect(t.dispatcher.role()).toBe('standby');
    await other.dispatchPending();
    expect(other.role()).toBe('dispatching');
    await t.ingest('/v1/track', { userId: 'c1', event: 'clicked_banner', properties: { n: 1 } });
    await settle();
    expect(t.dispatcher.role()).toBe('standby');
    expect(signalledByCustomer()).toEqual({ c1: [1] });
    expect(await undispatched()).toHaveLength(0);
  });

  it('a process that dies holding the lease is replaced once the lease lapses; nothing it left is lost', async () => {
    await other.stop();
    const doomed = createDispatcher({ db: t.db, runs: t.temporal, timeScale: 1, log: () => undefined, leaseMs: 1_500 });
    other = createDispatcher({ db: t.db, runs: t.temporal, timeScale: 1, log: () => undefined, leaseMs: 1_500 });
    await publishedJourney(t, { goalEvent: 'clicked_banner' });
    await doomed.dispatchPending(); // takes the lease before anything is stored (the app's own dispatcher stands by)
    await t.ingest('/v1/track', { userId: 'c1', event: 'signed_up' });
    await doomed.dispatchPending();
    expect(doomed.role()).toBe('dispatching');
    expect(t.temporal.started).toHaveLength(1);
    // `doomed` dies here: never stopped, never renewing. What is stored now waits for the lease to lapse.
    await t.ingest('/v1/track', { userId: 'c1', event: 'clicked_banner', properties: { n: 1 } });
    expect(await other.dispatchPending()).toBe(0);
    expect(other.role()).toBe('standby');
    await expect
      .poll(async () => {
        await other.dispatchPending();
        return signalledByCustomer();
      }, { timeout: 15_000, interval: 200 })
      .toEqual({ c1: [1] });
    expect(other.role()).toBe('dispatching');
    expect(await undispatched()).toHaveLength(0);
  });
});
