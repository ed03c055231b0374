import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, upsertRun } from '@lifecycle/db';
import { journeyRunId } from '@lifecycle/workflows/ids';
import { publishedJourney } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(() => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const undispatched = () => t.db.select().from(events).all().filter((event) => event.dispatchedAt === null);

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
    expect(undispatched()).toHaveLength(0);
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
    await publishedJourney(t);
    await track('u1', 'signed_up');
    await t.ingest('/v1/identify', { userId: 'u1', traits: { renewal_at: '2027-01-10', plan: 'pro' } });
    await t.ingest('/v1/identify', { userId: 'u1', traits: {} });
    await t.dispatcher.idle();
    expect(t.temporal.started).toHaveLength(1);
    expect(t.temporal.signals.map((signal) => signal.event)).toEqual([expect.objectContaining({ name: 'customer_traits_updated', properties: { traits: ['renewal_at', 'plan'] } })]);
    expect(undispatched()).toHaveLength(0);
  });

  it("signals the customer's active runs with later events, but not the run an event started", async () => {
    await publishedJourney(t);
    await track('u1', 'signed_up');
    await track('u1', 'clicked_banner', { where: 'home' });
    await track('u2', 'clicked_banner');
    expect(t.temporal.signals.map((signal) => signal.event.name)).toEqual(['clicked_banner']);
    expect(t.temporal.signals[0]?.event.properties).toEqual({ where: 'home' });
  });

  it('ignores runs Temporal no longer knows and marks the event dispatched', async () => {
    upsertRun(t.db, { workflowId: 'journey/gone/u1/once', journeyId: 'gone', versionId: 'v', customerId: 'u1', status: 'waiting', startedAt: new Date().toISOString() });
    await track('u1', 'clicked_banner');
    expect(undispatched()).toHaveLength(0);
  });

  it('leaves events undispatched while Temporal is down and dispatches them on a later sweep', async () => {
    await publishedJourney(t);
    t.temporal.down = true;
    const answer = await t.ingest('/v1/track', { userId: 'u1', event: 'signed_up' });
    expect(answer.status).toBe(200);
    await t.dispatcher.idle();
    expect(undispatched()).toHaveLength(1);
    expect(undispatched()[0]?.dispatchError).toContain('ECONNREFUSED');
    expect(t.temporal.started).toHaveLength(0);

    t.temporal.down = false;
    expect(await t.dispatcher.dispatchPending()).toBe(1);
    expect(undispatched()).toHaveLength(0);
    expect(t.temporal.started.map((run) => run.input.customerId)).toEqual(['u1']);
  });
});
