import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRun, upsertRun, type Run } from '@lifecycle/db';
import { publishedJourney, simpleDraft } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

type Row = { id: string; name: string; status: string; archivedAt: string | null; inProgress: number; converted: number };
const overview = async (query = '') => (await t.send('GET', `/api/journeys/overview${query}`)).body as { journeys: Row[]; nextCursor: string | null; counts: Record<string, number> };
const names = async (query = '') => (await overview(query)).journeys.map((row) => row.name);

describe('journeys list', () => {
  it('searches by name (any case, % and _ as letters) and filters by status, archived ones only under Archived', async () => {
    const { journeyId: live } = await publishedJourney(t);
    await t.send('PUT', `/api/journeys/${live}`, { name: 'Welcome series' });
    await t.send('POST', '/api/journeys', { name: 'Winback 50%_off', draft: simpleDraft('tpl') });
    const old = await t.send('POST', '/api/journeys', { name: 'Old welcome', draft: simpleDraft('tpl') });
    expect((await t.send('POST', `/api/journeys/${old.body.id}/archive`, { archived: true })).body.archivedAt).toEqual(expect.any(String));

    expect(await names()).toEqual(['Winback 50%_off', 'Welcome series']);
    expect(await names('?q=WELCOME')).toEqual(['Welcome series']);
    expect(await names('?q=50%25_')).toEqual(['Winback 50%_off']);
    expect(await names('?q=5%25')).toEqual([]);
    expect(await names('?status=live')).toEqual(['Welcome series']);
    expect(await names('?status=draft')).toEqual(['Winback 50%_off']);
    expect(await names('?status=archived')).toEqual(['Old welcome']);
    expect((await overview()).counts).toEqual({ active: 2, draft: 1, live: 1, paused: 0, archived: 1 });
    expect((await overview('?q=welcome')).counts).toEqual({ active: 1, draft: 0, live: 1, paused: 0, archived: 1 });
    const bad = await t.send('GET', '/api/journeys/overview?status=gone');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('status');
  });

  it('pages by cursor through every journey, each once', async () => {
    for (const name of ['One', 'Two', 'Three']) await t.send('POST', '/api/journeys', { name, draft: simpleDraft('tpl') });
    const all = await names();
    expect([...all].sort()).toEqual(['One', 'Three', 'Two']);
    const first = await overview('?limit=2');
    const second = await overview(`?limit=2&cursor=${first.nextCursor}`);
    expect([...first.journeys, ...second.journeys].map((row) => row.name)).toEqual(all);
    expect(second.nextCursor).toBeNull();
  });

  it('shows runs in progress and converted per journey, from the run counters', async () => {
    const { journeyId } = await publishedJourney(t, { reentry: { policy: 'always' } });
    for (const userId of ['a', 'b', 'c']) await t.ingest('/v1/track', { userId, event: 'signed_up' });
    await t.dispatcher.idle();
    const started: (Run | undefined)[] = [];
    for (const run of t.temporal.started) started.push(await getRun(t.db, run.workflowId));
    expect(started).toHaveLength(3);
    // As the worker records them: one run converts, one waits, one is still running.
    const [converts, waits] = started;
    if (!converts || !waits) throw new Error('runs were not recorded');
    await upsertRun(t.db, { ...converts, status: 'converted', endedAt: new Date().toISOString() });
    await upsertRun(t.db, { ...waits, status: 'waiting' });
    expect((await overview()).journeys).toEqual([expect.objectContaining({ id: journeyId, inProgress: 2, converted: 1 })]);
  });
});

describe('duplicate', () => {
  it('makes a draft "Copy of …" with the same graph, goal and stage, leaving the original as it was', async () => {
    const { journeyId } = await publishedJourney(t);
    const goal = { kind: 'event', event: 'purchase', window: { amount: 7, unit: 'days' } };
    const original = await t.send('PUT', `/api/journeys/${journeyId}`, { name: 'Welcome <b>', lifecycleStage: 'trial', draft: { ...simpleDraft('tpl'), goal } });
    const copy = await t.send('POST', `/api/journeys/${journeyId}/duplicate`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Copy of Welcome <b>', status: 'draft', lifecycleStage: 'trial', liveVersionId: null, archivedAt: null, draft: original.body.draft });
    expect(copy.body.id).not.toBe(journeyId);
    expect((await t.send('GET', `/api/journeys/${journeyId}`)).body).toMatchObject({ status: 'live', name: 'Welcome <b>' });
    expect((await t.send('POST', '/api/journeys/nope/duplicate')).status).toBe(404);
  });
});

describe('archive', () => {
  it('stops new entries from real events while runs in flight carry on, and unarchive brings entries back', async () => {
    const { journeyId } = await publishedJourney(t, { reentry: { policy: 'always' }, goalEvent: 'clicked_around' });
    await t.ingest('/v1/track', { userId: 'before', event: 'signed_up' });
    await t.dispatcher.idle();
    expect(t.temporal.started.map((run) => run.input.customerId)).toEqual(['before']);

    const archived = await t.send('POST', `/api/journeys/${journeyId}/archive`, { archived: true });
    expect(archived.body).toMatchObject({ status: 'live', archivedAt: expect.any(String) });
    await t.ingest('/v1/track', { userId: 'during', event: 'signed_up' });
    await t.ingest('/v1/track', { userId: 'before', event: 'clicked_around' });
    await t.dispatcher.idle();
    // Nobody entered; the run already in flight still receives its customer's events.
    expect(t.temporal.started.map((run) => run.input.customerId)).toEqual(['before']);
    expect(t.temporal.signals.map((signal) => signal.event.name)).toContain('clicked_around');
    expect((await t.send('GET', `/api/journeys/${journeyId}`)).body.archivedAt).toEqual(expect.any(String));

    const back = await t.send('POST', `/api/journeys/${journeyId}/archive`, { archived: false });
    expect(back.body).toMatchObject({ status: 'live', archivedAt: null });
    await t.ingest('/v1/track', { userId: 'after', event: 'signed_up' });
    await t.dispatcher.idle();
    expect(t.temporal.started.map((run) => run.input.customerId)).toEqual(['before', 'after']);
    expect(await names()).toEqual(['Welcome']);
  });

  it('names the field of a bad body and answers 404 for a journey that does not exist', async () => {
    const { journeyId } = await publishedJourney(t);
    const bad = await t.send('POST', `/api/journeys/${journeyId}/archive`, { archived: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('archived');
    expect((await t.send('POST', '/api/journeys/nope/archive', { archived: true })).status).toBe(404);
  });
});
