import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRun, upsertRun } from '@lifecycle/db';
import { publishDraft } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';
import { createRunListening } from './runListening';

// A run is signalled only with the events its journey can use (its goal, its wait-for-events, its waits until a
// moment): every signal lengthens its Temporal history, and a run that waits a month beside a stream of page views
// would otherwise carry every one of them.

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const undispatched = async () => await t.undispatched();
const signalled = () => t.temporal.signals.map((signal) => signal.event.name);

/** signed_up → the given nodes in a row (a wait-for-event going on either way) → exit. */
function draftWith(...nodes: object[]) {
  const all = [{ id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } }, ...nodes, { id: 'done', type: 'exit' }] as { id: string; type: string }[];
  const edges = all.slice(1).flatMap((node, index) => {
    const source = all[index]!;
    const exits = source.type === 'wait_for_event' ? ['matched', 'timed_out'] : ['next'];
    return exits.map((sourceExit) => ({ id: `e${index}_${sourceExit}`, source: source.id, sourceExit, target: node.id }));
  });
  return { nodes: all, edges };
}
const waitFor = (event: string) => ({ id: `wait_${event}`, type: 'wait_for_event', awaited: { kind: 'event', event }, timeout: { amount: 30, unit: 'days' } });

async function track(userId: string, event: string, properties: Record<string, unknown> = {}) {
  await t.ingest('/v1/track', { userId, event, properties });
  await t.dispatcher.idle();
}

describe('routing events to the runs that can use them', () => {
  it('signals a waiting run with the event it waits for, and not with events nothing in its journey reads', async () => {
    await publishDraft(t, draftWith(waitFor('purchase')));
    await track('u1', 'signed_up');
    for (const name of ['page_viewed', 'clicked_banner', 'signed_up']) await track('u1', name);
    await t.ingest('/v1/identify', { userId: 'u1', traits: { plan: 'pro', timezone: 'Europe/Paris' } });
    await track('u1', 'purchase', { total: 12 });

    expect(t.temporal.started).toHaveLength(1);
    expect(t.temporal.signals).toEqual([{ workflowId: t.temporal.started[0]!.workflowId, event: expect.objectContaining({ name: 'purchase', properties: { total: 12 } }) }]);
    // What reached no run is dispatched all the same: nothing waits in the table.
    expect(await undispatched()).toHaveLength(0);
  });

  it("sends an email open only to the run whose email it is, of the customer's runs waiting for opens", async () => {
    const opened = (sendNodeId: string) => ({ id: 'wait_open', type: 'wait_for_event', awaited: { kind: 'email_opened', sendNodeId }, timeout: { amount: 3, unit: 'days' } });
    const template = await t.send('POST', '/api/templates', { name: 'Hi', subject: 'Hi', html: '<p>Hi</p>' });
    const send = { id: 'send', type: 'send_email', templateId: template.body.id };
    await publishDraft(t, draftWith(send, opened('send')));
    await publishDraft(t, draftWith(send, opened('send')));
    await track('u1', 'signed_up');
    const [first, second] = t.temporal.started.map((run) => run.workflowId);
    await track('u1', 'email_opened', { workflowId: second, nodeId: 'send' });
    expect(t.temporal.signals.map((signal) => signal.workflowId)).toEqual([second]);
    await track('u1', 'email_opened', { workflowId: 'journey/elsewhere/u1/once', nodeId: 'send' });
    expect(t.temporal.signals.map((signal) => signal.workflowId)).toEqual([second]);
    expect(first).not.toBe(second);
  });

  it("signals a run what its own version uses and what the journey's live version uses, while a migration may be on its way", async () => {
    const { journeyId, versionId: v1 } = await publishDraft(t, draftWith(waitFor('purchase')));
    await track('u1', 'signed_up');
    const workflowId = t.temporal.started[0]!.workflowId;
    // v2 is live; the run's row still says v1 (a migration moves it when the run gets there).
    const { versionId: v2 } = await publishDraft(t, draftWith(waitFor('upgrade')), journeyId);
    for (const name of ['purchase', 'upgrade', 'renewed']) await track('u1', name);
    expect(signalled()).toEqual(['purchase', 'upgrade']);
    expect((await getRun(t.db, workflowId))?.versionId).toBe(v1);

    // The run moved to v2 (its progress record says so), and v3 went live meanwhile.
    await upsertRun(t.db, { ...(await getRun(t.db, workflowId))!, versionId: v2 });
    await publishDraft(t, draftWith(waitFor('renewed')), journeyId);
    t.temporal.signals.length = 0;
    for (const name of ['purchase', 'upgrade', 'renewed']) await track('u1', name);
    expect(signalled()).toEqual(['upgrade', 'renewed']);
    expect(await undispatched()).toHaveLength(0);
  });

  it('signals trait updates only to waits that read a trait they touched', async () => {
    const until = { kind: 'trait_date', trait: 'renewal_at', when: { kind: 'on' } };
    await publishDraft(t, draftWith({ id: 'wait_renewal', type: 'wait', until }));
    await track('u1', 'signed_up');
    for (const traits of [{ plan: 'pro' }, { renewal_at: '2027-01-10' }, { timezone: 'Asia/Tokyo' }]) await t.ingest('/v1/identify', { userId: 'u1', traits });
    await t.dispatcher.idle();
    expect(t.temporal.signals.map((signal) => signal.event.properties.traits)).toEqual([['renewal_at'], ['timezone']]);
  });
});

describe('what a version listens for', () => {
  it('is read once per version (versions never change) and kept for a bounded number of versions', async () => {
    const { journeyId, versionId: v1 } = await publishDraft(t, draftWith(waitFor('purchase')));
    const { versionId: v2 } = await publishDraft(t, draftWith(waitFor('upgrade')), journeyId);
    const listening = createRunListening(t.db, 1);
    const run = { workflowId: 'w1', journeyId, versionId: v1, liveVersionId: null };
    const named = (name: string) => ({ id: name, name, properties: {}, timestamp: '2026-01-01T00:00:00Z' });
    expect(await listening.uses(run, named('purchase'))).toBe(true);
    // Kept: a graph rewritten under it (which never happens) changes nothing.
    await t.db.prepare('update journey_versions set graph = ? where id = ?').run(JSON.stringify(draftWith(waitFor('other'))), v1);
    expect(await listening.uses(run, named('purchase'))).toBe(true);
    expect(await listening.uses({ ...run, versionId: v2 }, named('upgrade'))).toBe(true);
    expect(listening.size()).toBe(1);
    // v1 was dropped for v2, so it is read again: now as rewritten.
    expect(await listening.uses(run, named('purchase'))).toBe(false);
  });
});
