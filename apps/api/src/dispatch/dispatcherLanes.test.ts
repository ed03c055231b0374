import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishedJourney } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';

// The dispatcher hands each event to journeys as soon as it is stored, customer by customer: what one customer's slow
// Temporal call holds back is that customer's later events, never another customer's.

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const undispatched = async () => await t.undispatched();

/** Makes Temporal hang on signals to `customerId`'s runs until the returned release is called. */
function holdSignalsTo(customerId: string): () => void {
  const signal = t.temporal.signalRun.bind(t.temporal);
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  t.temporal.signalRun = async (workflowId, event) => {
    if (workflowId.includes(`/${customerId}/`)) await released;
    return signal(workflowId, event);
  };
  return release;
}

describe('dispatcher lanes', () => {
  it("delivers a customer's event while another customer's signal is still waiting on Temporal", async () => {
    await publishedJourney(t, { goalEvent: 'clicked_banner' });
    for (const userId of ['slow', 'quick']) await t.ingest('/v1/track', { userId, event: 'signed_up' });
    await t.dispatcher.idle();
    const release = holdSignalsTo('slow');

    try {
      await t.ingest('/v1/track', { userId: 'slow', event: 'clicked_banner', properties: { n: 1 } });
      await t.ingest('/v1/track', { userId: 'quick', event: 'clicked_banner', properties: { n: 2 } });
      // The quick customer's run has its event though the slow one's signal has not come back (no sweep runs here).
      await expect.poll(() => t.temporal.signals.map((signal) => signal.event.properties.n), { timeout: 15_000 }).toEqual([2]);
    } finally {
      release();
    }
    await t.dispatcher.idle();
    expect(t.temporal.signals.map((signal) => signal.event.properties.n)).toEqual([2, 1]);
    expect(await undispatched()).toHaveLength(0);
  });

  it("keeps each customer's order, and sends each event once, when events keep arriving while earlier ones are in flight", async () => {
    await publishedJourney(t, { goalEvent: 'clicked_banner' });
    const customers = Array.from({ length: 6 }, (_, c) => `u${c}`);
    await t.ingest('/v1/batch', { batch: customers.map((userId) => ({ type: 'track', userId, event: 'signed_up' })) });
    await t.dispatcher.idle();
    // Temporal answering after a different delay each time, as a busy server does.
    const signal = t.temporal.signalRun.bind(t.temporal);
    t.temporal.signalRun = async (workflowId, event) => {
      await new Promise((resolve) => setTimeout(resolve, (Number(event.properties.step) * 7 + workflowId.length * 3) % 5));
      return signal(workflowId, event);
    };
    const steps = [0, 1, 2, 3, 4, 5, 6, 7];
    // One request per step, each sent while the dispatcher is still busy with the ones before.
    for (const step of steps) {
      const batch = customers.map((userId) => ({ type: 'track', userId, event: 'clicked_banner', properties: { step } }));
      expect((await t.ingest('/v1/batch', { batch })).status).toBe(200);
    }
    await t.dispatcher.idle();

    for (const run of t.temporal.started) {
      const received = t.temporal.signals.filter((signal) => signal.workflowId === run.workflowId).map((signal) => signal.event.properties.step);
      expect(received, run.input.customerId).toEqual(steps);
    }
    expect(t.temporal.signals).toHaveLength(customers.length * steps.length);
    expect(new Set(t.temporal.signals.map((signal) => signal.event.id)).size).toBe(customers.length * steps.length);
    expect(await undispatched()).toHaveLength(0);
  });

  it("holds back only the failing customer's later events, and the next pass dispatches them in order", async () => {
    await publishedJourney(t, { goalEvent: 'clicked_banner' });
    for (const userId of ['down', 'up']) await t.ingest('/v1/track', { userId, event: 'signed_up' });
    await t.dispatcher.idle();
    const signal = t.temporal.signalRun.bind(t.temporal);
    let failing = true;
    t.temporal.signalRun = async (workflowId, event) => {
      if (failing && workflowId.includes('/down/')) throw new Error('14 UNAVAILABLE: connection refused');
      return signal(workflowId, event);
    };
    const batch = [1, 2, 3].flatMap((n) => ['down', 'up'].map((userId) => ({ type: 'track', userId, event: 'clicked_banner', properties: { n, userId } })));
    await t.ingest('/v1/batch', { batch });
    await t.dispatcher.idle();
    expect(t.temporal.signals.map((s) => `${String(s.event.properties.userId)}${String(s.event.properties.n)}`)).toEqual(['up1', 'up2', 'up3']);
    expect((await undispatched()).map((event) => event.properties.n)).toEqual([1, 2, 3]);

    failing = false;
    expect(await t.dispatcher.dispatchPending()).toBe(3);
    expect(t.temporal.signals.filter((s) => s.event.properties.userId === 'down').map((s) => s.event.properties.n)).toEqual([1, 2, 3]);
    expect(await undispatched()).toHaveLength(0);
  });
});
