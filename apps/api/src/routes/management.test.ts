import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertRun } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

describe('templates', () => {
  it('refuses Liquid that does not parse, naming the field', async () => {
    const response = await t.send('POST', '/api/templates', { name: 'Bad', subject: 'Hi {{ name', html: '<p>x</p>' });
    expect(response.status).toBe(400);
    expect(response.body.issues[0].path).toBe('subject');
  });

  it('creates, updates, lists and deletes', async () => {
    const created = await t.send('POST', '/api/templates', { name: 'Welcome', subject: 'Hi', html: '<p>Hi</p>' });
    await t.send('PUT', `/api/templates/${created.body.id}`, { name: 'Welcome', subject: 'Hello', html: '<p>Hello</p>' });
    expect((await t.send('GET', `/api/templates/${created.body.id}`)).body.subject).toBe('Hello');
    expect((await t.send('GET', '/api/templates')).body.templates).toHaveLength(1);
    expect((await t.send('DELETE', `/api/templates/${created.body.id}`)).status).toBe(204);
    expect((await t.send('GET', `/api/templates/${created.body.id}`)).status).toBe(404);
  });
});

describe('offers', () => {
  it('counts the codes left in a pool', async () => {
    const offer = await t.send('POST', '/api/offers', { name: 'Spring', codeSource: 'pool' });
    await t.send('POST', `/api/offers/${offer.body.id}/codes`, { codes: ['A1', 'A2', 'A2'] });
    const generated = await t.send('POST', `/api/offers/${offer.body.id}/codes`, { generate: 3, prefix: 'SPRING' });
    expect(generated.body).toEqual({ added: 3, codesLeft: 5, skipped: [] });
    expect((await t.send('GET', '/api/offers')).body.offers[0].codesLeft).toBe(5);
  });
});

describe('runs', () => {
  it('pages through runs newest first with a cursor and filters by status', async () => {
    for (let i = 0; i < 5; i++) {
      const startedAt = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
      await upsertRun(t.db, { workflowId: `journey/j/u${i}/once`, journeyId: 'j', versionId: 'v', customerId: `u${i}`, status: i === 0 ? 'completed' : 'waiting', startedAt });
    }
    const first = await t.send('GET', '/api/runs?journeyId=j&limit=2');
    expect(first.body.runs.map((run: { customerId: string }) => run.customerId)).toEqual(['u4', 'u3']);
    const second = await t.send('GET', `/api/runs?journeyId=j&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.runs.map((run: { customerId: string }) => run.customerId)).toEqual(['u2', 'u1']);
    const third = await t.send('GET', `/api/runs?journeyId=j&limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body).toMatchObject({ runs: [{ customerId: 'u0' }], nextCursor: null });
    expect((await t.send('GET', '/api/runs?status=completed')).body.runs).toHaveLength(1);
    expect((await t.send('GET', '/api/runs?status=sleeping')).status).toBe(400);
  });

  it('finds a run by its URI-encoded workflow id, which contains slashes', async () => {
    const workflowId = `journey/j/${encodeURIComponent('ada@example.com')}/once`;
    await upsertRun(t.db, { workflowId, journeyId: 'j', versionId: 'v', customerId: 'ada@example.com', status: 'running', startedAt: new Date().toISOString() });
    const detail = await t.send('GET', `/api/runs/${encodeURIComponent(workflowId)}`);
    expect(detail.body).toMatchObject({ run: { workflowId }, steps: [], deliveries: [] });
    expect((await t.send('GET', `/api/runs/${encodeURIComponent('journey/nope')}`)).status).toBe(404);
  });
});

describe('misc', () => {
  it('reports health with Temporal reachability', async () => {
    expect((await t.send('GET', '/health')).body).toEqual({ ok: true, db: 'ok', temporal: 'connected', dispatch: 'standby' });
    t.temporal.down = true;
    expect((await t.send('GET', '/health')).body.temporal).toBe('unreachable');
  });

  it('answers 404 no_mail_catcher for the outbox when no catcher is configured, and JSON 404 for unknown routes', async () => {
    expect((await t.send('GET', '/api/outbox')).body.error).toBe('no_mail_catcher');
    const unknown = await t.send('GET', '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('not_found');
  });
});
