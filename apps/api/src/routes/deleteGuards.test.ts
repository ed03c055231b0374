import { upsertRun, getRun } from '@lifecycle/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishedJourney, simpleDraft } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

/** Starts one run of the journey (the recording starter keeps it `running`) and returns its workflow id. */
async function runInFlight(customerId: string): Promise<string> {
  await t.ingest('/v1/track', { userId: customerId, event: 'signed_up' });
  await t.dispatcher.idle();
  const runs = (await t.send('GET', `/api/runs?customerId=${customerId}`)).body.runs;
  expect(runs).toHaveLength(1);
  return runs[0].workflowId;
}

async function endRun(workflowId: string) {
  const run = await getRun(t.db, workflowId);
  if (!run) throw new Error(`no run ${workflowId}`);
  await upsertRun(t.db, { ...run, status: 'completed', endedAt: new Date().toISOString() });
}

describe('deleting a template or an offer that journeys use', () => {
  it('refuses a template sent by the live version with 409 naming the journey, and keeps it', async () => {
    const { templateId, journeyId } = await publishedJourney(t);
    const answer = await t.send('DELETE', `/api/templates/${templateId}`);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: 'conflict', journeys: [{ id: journeyId, name: 'Welcome' }] });
    expect(answer.body.message).toContain('"Welcome"');
    expect((await t.send('GET', `/api/templates/${templateId}`)).status).toBe(200);
  });

  it('refuses while an older version still has runs in flight, and deletes once they ended', async () => {
    const { templateId, journeyId } = await publishedJourney(t);
    const workflowId = await runInFlight('ada');
    // Version 2 sends another template: the old one is only used by ada's run, still on version 1.
    const other = await t.send('POST', '/api/templates', { name: 'Other', subject: 'Hi', html: '<p>Hi</p>' });
    await t.send('PUT', `/api/journeys/${journeyId}`, { draft: simpleDraft(other.body.id) });
    expect((await t.send('POST', `/api/journeys/${journeyId}/publish`)).status).toBe(201);

    const refused = await t.send('DELETE', `/api/templates/${templateId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.journeys).toEqual([{ id: journeyId, name: 'Welcome' }]);

    await endRun(workflowId);
    expect((await t.send('DELETE', `/api/templates/${templateId}`)).status).toBe(204);
    expect((await t.send('DELETE', `/api/templates/${other.body.id}`)).status).toBe(409);
  });

  it('deletes a template only a draft uses (the editor marks the draft)', async () => {
    const template = await t.send('POST', '/api/templates', { name: 'Draft only', subject: 'Hi', html: '<p>Hi</p>' });
    await t.send('POST', '/api/journeys', { name: 'Unpublished', draft: simpleDraft(template.body.id) });
    expect((await t.send('DELETE', `/api/templates/${template.body.id}`)).status).toBe(204);
  });

  it('refuses an offer the live version grants with 409 naming the journey; an unused offer is deleted', async () => {
    const { templateId } = await publishedJourney(t, { event: 'other_event' });
    const used = await t.send('POST', '/api/offers', { name: 'WELCOME10', codeSource: 'generated' });
    const unused = await t.send('POST', '/api/offers', { name: 'SPARE', codeSource: 'generated' });
    const draft = simpleDraft(templateId);
    draft.nodes.splice(1, 0, { id: 'grant', type: 'offer', offerId: used.body.id } as never);
    draft.edges[0] = { ...draft.edges[0]!, target: 'grant' };
    draft.edges.push({ id: 'e3', source: 'grant', sourceExit: 'next', target: 'send' });
    const journey = await t.send('POST', '/api/journeys', { name: 'Offer journey', draft });
    expect((await t.send('POST', `/api/journeys/${journey.body.id}/publish`)).status).toBe(201);

    const refused = await t.send('DELETE', `/api/offers/${used.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'conflict', journeys: [{ id: journey.body.id, name: 'Offer journey' }] });
    expect((await t.send('GET', `/api/offers/${used.body.id}`)).status).toBe(200);

    expect((await t.send('DELETE', `/api/offers/${unused.body.id}`)).status).toBe(204);
    expect((await t.send('GET', `/api/offers/${unused.body.id}`)).status).toBe(404);
    expect((await t.send('DELETE', `/api/offers/${unused.body.id}`)).status).toBe(404);
  });
});

describe('deleting a journey with runs in flight', () => {
  it('refuses with 409 and the count of runs in flight, deleting nothing', async () => {
    const { journeyId } = await publishedJourney(t, { reentry: { policy: 'always' } });
    await runInFlight('ada');
    await runInFlight('grace');
    const refused = await t.send('DELETE', `/api/journeys/${journeyId}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'conflict', runsInFlight: 2 });
    expect((await t.send('GET', `/api/journeys/${journeyId}`)).body.status).toBe('live');
    expect(t.temporal.cancelled).toEqual([]);
  });

  it('with cancelRuns=true cancels every run in flight through Temporal, then deletes', async () => {
    const { journeyId } = await publishedJourney(t);
    const ada = await runInFlight('ada');
    const grace = await runInFlight('grace');
    const deleted = await t.send('DELETE', `/api/journeys/${journeyId}?cancelRuns=true`);
    expect(deleted.status).toBe(204);
    expect([...t.temporal.cancelled].sort()).toEqual([ada, grace].sort());
    expect((await t.send('GET', `/api/journeys/${journeyId}`)).status).toBe(404);
  });

  it('keeps the journey, paused, when the runs cannot be cancelled', async () => {
    const { journeyId } = await publishedJourney(t);
    await runInFlight('ada');
    t.temporal.down = true;
    const refused = await t.send('DELETE', `/api/journeys/${journeyId}?cancelRuns=true`);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: 'cancel_failed', runsInFlight: 1 });
    t.temporal.down = false;
    expect((await t.send('GET', `/api/journeys/${journeyId}`)).body.status).toBe('paused');
    // Paused: a new trigger starts no run while the delete is retried.
    await t.ingest('/v1/track', { userId: 'late', event: 'signed_up' });
    await t.dispatcher.idle();
    expect((await t.send('GET', '/api/runs?customerId=late')).body.runs).toEqual([]);
    expect((await t.send('DELETE', `/api/journeys/${journeyId}?cancelRuns=true`)).status).toBe(204);
  });

  it('deletes a journey without runs at once, and answers 400 naming a bad cancelRuns', async () => {
    const { journeyId } = await publishedJourney(t);
    const bad = await t.send('DELETE', `/api/journeys/${journeyId}?cancelRuns=yes`);
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('cancelRuns');
    expect((await t.send('DELETE', `/api/journeys/${journeyId}`)).status).toBe(204);
  });
});
