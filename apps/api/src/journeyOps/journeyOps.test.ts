import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertRun } from '@lifecycle/db';
import type { RunOperation } from '@lifecycle/workflows/messages';
import { testApp, type TestApp } from '../testing/testApp';

/*
 * The journey operation routes answered through the app, with the recording Temporal stand-in (what each run was
 * started with and cancelled is in `t.temporal`, the operations it was signalled in `sent`). Runs in flight are the
 * runs the dispatcher started, recorded as waiting in `wait` as the worker would record them.
 */

let t: TestApp;
let sent: { workflowId: string; operation: RunOperation }[];
beforeEach(async () => {
  t = testApp();
  sent = [];
  const signalOperation = (workflowId: string, operation: RunOperation): Promise<'signalled' | 'not_found'> => {
    if (!t.temporal.started.some((run) => run.workflowId === workflowId)) return Promise.resolve('not_found');
    sent.push({ workflowId, operation });
    return Promise.resolve('signalled');
  };
  Object.assign(t.temporal, { signalOperation });
});
afterEach(async () => {
  await t.close();
});

const draft = (waitId: string) => ({
  nodes: [
    { id: 'trigger', type: 'trigger', event: 'signed_up' },
    { id: waitId, type: 'wait', duration: { amount: 2, unit: 'days' } },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceExit: 'next', target: waitId },
    { id: 'e2', source: waitId, sourceExit: 'next', target: 'done' },
  ],
});

async function publishedJourney(): Promise<string> {
  const journey = await t.send('POST', '/api/journeys', { name: 'Onboarding', draft: draft('wait') });
  expect(journey.status, journey.text).toBe(201);
  const version = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
  expect(version.status, version.text).toBe(201);
  return journey.body.id as string;
}

/** A customer signs up: the dispatcher starts their run, which the worker records as waiting in `wait`. */
async function enter(journeyId: string, customerId: string): Promise<string> {
  await t.ingest('/v1/track', { userId: customerId, event: 'signed_up' });
  await t.dispatcher.dispatchPending();
  const run = t.temporal.started.find((started) => started.input.customerId === customerId && started.input.journeyId === journeyId);
  if (!run) throw new Error(`no run started for ${customerId}`);
  await upsertRun(t.db, { workflowId: run.workflowId, journeyId, versionId: run.input.versionId, customerId, status: 'waiting', currentNodeId: 'wait', startedAt: new Date().toISOString() });
  return run.workflowId;
}

const operations = async (journeyId: string) => (await t.send('GET', `/api/journeys/${journeyId}/operations`)).body;

describe('stop', () => {
  it('refuses a stale count with 409 and the new count, cancelling nothing and leaving the journey live; the current count stops it', async () => {
    const journeyId = await publishedJourney();
    await enter(journeyId, 'u1');
    await enter(journeyId, 'u2');
    expect((await t.send('GET', `/api/journeys/${journeyId}/stop`)).body).toEqual({ journeyId, runsInFlight: 2 });
    await enter(journeyId, 'u3'); // someone enters while the marketer reads the count

    const stale = await t.send('POST', `/api/journeys/${journeyId}/stop`, { confirm: 2 });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body).toMatchObject({ error: 'count_changed', count: 3 });
    expect(stale.body.message).toContain('3 runs');
    expect(t.temporal.cancelled).toEqual([]);
    expect(await operations(journeyId)).toMatchObject({ status: 'live', pauseMode: null, runsInFlight: 3 });

    const stopped = await t.send('POST', `/api/journeys/${journeyId}/stop`, { confirm: 3 });
    expect(stopped.status, stopped.text).toBe(200);
    expect(stopped.body).toMatchObject({ count: 3, requested: 3, failed: 0 });
    expect(t.temporal.cancelled).toHaveLength(3);
    expect(await operations(journeyId)).toMatchObject({ status: 'paused', pauseMode: 'stopped' });
    // A stopped journey takes no new entries.
    await t.ingest('/v1/track', { userId: 'u4', event: 'signed_up' });
    await t.dispatcher.dispatchPending();
    expect(t.temporal.started.some((run) => run.input.customerId === 'u4')).toBe(false);
  });
});

describe('pause and resume, repeated', () => {
  it('pausing a paused journey and resuming a live one answer 200 and leave it as asked; a draft cannot be paused or resumed', async () => {
    const journeyId = await publishedJourney();
    const runs = [await enter(journeyId, 'u1'), await enter(journeyId, 'u2')];
    /** What each run was last told: held or released. */
    const told = () => runs.map((workflowId) => sent.filter((signal) => signal.workflowId === workflowId).map(({ operation }) => (operation.kind === 'hold' ? (operation.hold.held ? 'held' : 'released') : operation.kind)).at(-1) ?? 'nothing');

    const hold = await t.send('POST', `/api/journeys/${journeyId}/pause`, { runs: 'hold' });
    expect(hold.status, hold.text).toBe(200);
    expect(hold.body.signals).toMatchObject({ signalled: 2, failed: [] });
    expect(told()).toEqual(['held', 'held']);
    expect(await operations(journeyId)).toMatchObject({ status: 'paused', pauseMode: 'hold', runsInFlight: 2 });
    // Again: still paused and holding; every run is told again (a hold signal is idempotent).
    const again = await t.send('POST', `/api/journeys/${journeyId}/pause`, { runs: 'hold' });
    expect(again.status, again.text).toBe(200);
    expect(again.body.signals).toMatchObject({ signalled: 2 });
    expect(told()).toEqual(['held', 'held']);
    expect(await operations(journeyId)).toMatchObject({ status: 'paused', pauseMode: 'hold' });
    // Switching a held pause to `continue` releases the runs and stays paused.
    const carryOn = await t.send('POST', `/api/journeys/${journeyId}/pause`, { runs: 'continue' });
    expect(carryOn.body.signals).toMatchObject({ signalled: 2 });
    expect(told()).toEqual(['released', 'released']);
    expect(await operations(journeyId)).toMatchObject({ status: 'paused', pauseMode: 'continue' });
    // A continue pause paused again with continue signals nobody.
    const before = sent.length;
    expect((await t.send('POST', `/api/journeys/${journeyId}/pause`, { runs: 'continue' })).body.signals).toMatchObject({ signalled: 0 });
    expect(sent.length).toBe(before);
    // While paused nobody enters.
    await t.ingest('/v1/track', { userId: 'paused-u', event: 'signed_up' });
    await t.dispatcher.dispatchPending();
    expect(t.temporal.started.some((run) => run.input.customerId === 'paused-u')).toBe(false);

    const resumed = await t.send('POST', `/api/journeys/${journeyId}/resume`);
    expect(resumed.status, resumed.text).toBe(200);
    expect(await operations(journeyId)).toMatchObject({ status: 'live', pauseMode: null });
    // Resuming a live journey is harmless: still live, the runs are released again.
    const resumedAgain = await t.send('POST', `/api/journeys/${journeyId}/resume`);
    expect(resumedAgain.status, resumedAgain.text).toBe(200);
    expect(resumedAgain.body.journey).toMatchObject({ status: 'live' });
    expect(resumedAgain.body.signals).toMatchObject({ signalled: 2, failed: [] });
    expect(told()).toEqual(['released', 'released']);
    await enter(journeyId, 'after');

    const unpublished = await t.send('POST', '/api/journeys', { name: 'Draft only', draft: draft('wait') });
    const pauseDraft = await t.send('POST', `/api/journeys/${unpublished.body.id}/pause`, { runs: 'hold' });
    expect(pauseDraft.status).toBe(409);
    expect(pauseDraft.body).toMatchObject({ error: 'not_live' });
    const resumeDraft = await t.send('POST', `/api/journeys/${unpublished.body.id}/resume`);
    expect(resumeDraft.status).toBe(409);
    expect(resumeDraft.body).toMatchObject({ error: 'not_published' });
  });
});

describe('a migration mapping to a node the new version lacks', () => {
  it('is refused naming the field, before anything is published or any run is moved (publish, dry run and in-flight)', async () => {
    const journeyId = await publishedJourney();
    await enter(journeyId, 'u1');
    const [v1] = (await t.send('GET', `/api/journeys/${journeyId}/versions`)).body.versions as { id: string }[];
    const saved = await t.send('PUT', `/api/journeys/${journeyId}`, { draft: draft('wait_longer') });
    expect(saved.status, saved.text).toBe(200);
    

    const publish = await t.send('POST', `/api/journeys/${journeyId}/publish`, { inFlight: { policy: 'migrate', mappings: [{ fromVersionId: v1!.id, nodes: { wait: 'wiat_longer' } }] } });
    expect(publish.status, publish.text).toBe(422);
    expect(publish.body.message).toContain('inFlight.mappings.0.nodes.wait');
    expect(publish.body.message).toContain('wiat_longer');
    expect(publish.body.issues).toEqual([{ path: 'inFlight.mappings.0.nodes.wait', message: expect.stringContaining('wiat_longer') }]);
    expect((await t.send('GET', `/api/journeys/${journeyId}/versions`)).body.versions).toHaveLength(1);
    expect(sent).toEqual([]);

    // The dry run of the same mapping says the same, rather than counting the run as staying where it is.
    const dryRun = await t.send('POST', `/api/journeys/${journeyId}/migration/dry-run`, { mappings: [{ fromVersionId: v1!.id, nodes: { wait: 'wiat_longer' } }] });
    expect(dryRun.status, dryRun.text).toBe(422);
    expect(dryRun.body.issues).toEqual([{ path: 'mappings.0.nodes.wait', message: expect.stringContaining('wiat_longer') }]);
    // The right mapping counts the run as moving, and publishing with it moves it.
    const mapped = { fromVersionId: v1!.id, nodes: { wait: 'wait_longer' } };
    const goodDryRun = await t.send('POST', `/api/journeys/${journeyId}/migration/dry-run`, { mappings: [mapped] });
    expect(goodDryRun.status, goodDryRun.text).toBe(200);
    expect(goodDryRun.body.totals).toEqual({ move: 1, atNextWait: 0, unmapped: 0 });

    // Published with `keep`, the run stays on v1; moving it later with a bad mapping is refused the same way.
    expect((await t.send('POST', `/api/journeys/${journeyId}/publish`, { inFlight: { policy: 'keep' } })).status).toBe(201);
    const later = await t.send('POST', `/api/journeys/${journeyId}/in-flight`, { policy: 'migrate', mappings: [{ fromVersionId: v1!.id, nodes: { wait: 'nowhere' } }] });
    expect(later.status, later.text).toBe(422);
    expect(later.body.message).toContain('nowhere');
    // Named as it sits in this route's body (the policy itself), not as in publish's.
    expect(later.body.issues).toEqual([{ path: 'mappings.0.nodes.wait', message: expect.stringContaining('nowhere') }]);
    expect(sent).toEqual([]);
    const moved = await t.send('POST', `/api/journeys/${journeyId}/in-flight`, { policy: 'migrate', mappings: [mapped] });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ runsOnOlderVersions: 1, signalled: 1, kept: 0 });
    expect(sent.map(({ operation }) => operation)).toEqual([{ kind: 'migrate', migration: expect.objectContaining({ fromVersionId: v1!.id, nodes: { wait: 'wait_longer' }, version: 2 }) }]);
  });
});
