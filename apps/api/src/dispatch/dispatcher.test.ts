import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { upsertRun } from '@lifecycle/db';
import { journeyRunId } from '@lifecycle/workflows/ids';
import { publishDraft, publishedJourney } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';
import { createDispatcher } from './dispatcher';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const undispatched = async () => await t.undispatched();

/** signed_up → wait until the day before `renewal_at` → exit. */
const renewalReminder = {
  nodes: [
    { id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } },
    { id: 'wait_renewal', type: 'wait', until: { kind: 'trait_date', trait: 'renewal_at', when: { kind: 'before', offset: { amount: 1, unit: 'days' } } } },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'wait_renewal' },
    { id: 'e2', source: 'wait_renewal', sourceExit: 'next', target: 'done' },
  ],
};

async function track(userId: string, event: string, properties: Record<string, unknown> = {}) {
  await t.ingest('/v1/track', { userId, event, properties });
  await t.dispatcher.idle();
}

describe('dispatcher', () => {
  it('starts one run per customer for a once-only journey, pinned to the live version', async () => {
    const { journeyId, versionId } = await publishedJourney(t);
    await track('u1', 'signed_up', { plan: 'free' });
    await track('u1', 'signed_up');
    await track('u1', 'something_else');

    expect(t.temporal.started).toHaveLength(1);
    const [run] = t.temporal.started;
    expect(run?.workflowId).toBe(journeyRunId(journeyId, 'u1', 'once'));
    expect(run?.input).toMatchObject({ journeyId, versionId, version: 1, customerId: 'u1', triggerEvent: { name: 'signed_up', properties: { plan: 'free' } } });
    const detail = await t.send('GET', `/api/runs/${encodeURIComponent(run!.workflowId)}`);
    expect(detail.body.run).toMatchObject({ status: 'running', versionId, customerId: 'u1' });
    expect(await undispatched()).toHaveLength(0);
  });

  it('starts a run per event under the always policy', async () => {
    await publishedJourney(t, { reentry: { policy: 'always' } });
    await track('u1', 'signed_up');
    await track('u1', 'signed_up');
    expect(t.temporal.started).toHaveLength(2);
  });

  it('skips entry within the cooldown', async () => {
    await publishedJourney(t, { reentry: { policy: 'cooldown', cooldown: { amount: 1, unit: 'days' } } });
    await track('u1', 'signed_up');
    await track('u1', 'signed_up');
    await track('u2', 'signed_up');
    expect(t.temporal.started.map((run) => run.input.customerId)).toEqual(['u1', 'u2']);
  });

  it('signals an identify that set traits to the running runs as customer_traits_updated (a date-trait wait re-arms on it), and starts nothing', async () => {
    await publishDraft(t, renewalReminder);
    await track('u1', 'signed_up');
    await t.ingest('/v1/identify', { userId: 'u1', traits: { renewal_at: '2027-01-10', plan: 'pro' } });
    await t.ingest('/v1/identify', { userId: 'u1', traits: {} });
    await t.dispatcher.idle();
    expect(t.temporal.started).toHaveLength(1);
    // The traits in any order: Postgres's jsonb keeps an object's keys in an order of its own.
    expect(t.temporal.signals.map((signal) => signal.event)).toEqual([expect.objectContaining({ name: 'customer_traits_updated', properties: { traits: expect.arrayContaining(['renewal_at', 'plan']) } })]);
    expect(t.temporal.signals[0]?.event.properties.traits).toHaveLength(2);
    expect(await undispatched()).toHaveLength(0);
  });

  it("signals the customer's active runs with later events, but not the run an event started", async () => {
    await publishedJourney(t, { goalEvent: 'clicked_banner' });
    await track('u1', 'signed_up');
    await track('u1', 'clicked_banner', { where: 'home' });
    await track('u2', 'clicked_banner');
    expect(t.temporal.signals.map((signal) => signal.event.name)).toEqual(['clicked_banner']);
    expect(t.temporal.signals[0]?.event.properties).toEqual({ where: 'home' });
  });

  it('ignores runs Temporal no longer knows and marks the event dispatched', async () => {
    await upsertRun(t.db, { workflowId: 'journey/gone/u1/once', journeyId: 'gone', versionId: 'v', customerId: 'u1', status: 'waiting', startedAt: new Date().toISOString() });
    await track('u1', 'clicked_banner');
    expect(await undispatched()).toHaveLength(0);
  });

  it('leaves events undispatched while Temporal is down and dispatches them on a later sweep', async () => {
    await publishedJourney(t);
    t.temporal.down = true;
    const answer = await t.ingest('/v1/track', { userId: 'u1', event: 'signed_up' });
    expect(answer.status).toBe(200);
    await t.dispatcher.idle();
    expect(await undispatched()).toHaveLength(1);
    expect((await undispatched())[0]?.dispatchError).toContain('ECONNREFUSED');
    expect(t.temporal.started).toHaveLength(0);

    t.temporal.down = false;
    expect(await t.dispatcher.dispatchPending()).toBe(1);
    expect(await undispatched()).toHaveLength(0);
    expect(t.temporal.started.map((run) => run.input.customerId)).toEqual(['u1']);
  });

  it("signals several customers' runs at once, yet each run gets its customer's events in order and each event once", async () => {
    await publishedJourney(t, { goalEvent: 'clicked_banner' });
    const customers = Array.from({ length: 8 }, (_, c) => `u${c}`);
    for (const customer of customers) await track(customer, 'signed_up');
    // Temporal answering each signal after a different delay, as a busy server does: a later signal to one customer
    // could overtake an earlier one if the dispatcher ever sent them together.
    const signal = t.temporal.signalRun.bind(t.temporal);
    let inFlight = 0;
    let mostInFlight = 0;
    t.temporal.signalRun = async (workflowId, event) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (Number(event.properties.step) * 7 + workflowId.length * 3) % 5));
      inFlight -= 1;
      return signal(workflowId, event);
    };
    const steps = [0, 1, 2, 3, 4, 5];
    const batch = steps.flatMap((step) => customers.map((userId) => ({ type: 'track', userId, event: 'clicked_banner', properties: { step } })));
    expect((await t.ingest('/v1/batch', { batch })).status).toBe(200);
    await t.dispatcher.idle();

    expect(mostInFlight).toBeGreaterThan(1);
    for (const run of t.temporal.started) {
      const received = t.temporal.signals.filter((signal) => signal.workflowId === run.workflowId).map((signal) => signal.event.properties.step);
      expect(received, run.input.customerId).toEqual(steps);
    }
    const eventIds = t.temporal.signals.map((signal) => signal.event.id);
    expect(new Set(eventIds).size).toBe(customers.length * steps.length);
    expect(eventIds).toHaveLength(customers.length * steps.length);
    expect(await undispatched()).toHaveLength(0);
  });

  it('keeps going when reading the events fails: a kick (from a request, or a timer) logs it and never throws', async () => {
    await publishedJourney(t);
    const logged: string[] = [];
    const dispatcher = createDispatcher({ db: t.db, runs: t.temporal, timeScale: 1, log: (message) => logged.push(message) });
    await t.dispatcher.stop(); // this dispatcher holds the lease
    await dispatcher.dispatchPending();
    await t.db.exec('ALTER TABLE events RENAME TO events_away'); // every read of the events fails now
    try {
      expect(() => dispatcher.kick()).not.toThrow();
      await vi.waitFor(() => expect(logged.some((line) => line.startsWith('dispatcher pass failed'))).toBe(true));
    } finally {
      await t.db.exec('ALTER TABLE events_away RENAME TO events');
    }
    await t.ingest('/v1/track', { userId: 'u1', event: 'signed_up' });
    await dispatcher.dispatchPending();
    expect(t.temporal.started).toHaveLength(1);
    await dispatcher.stop();
  });
});
