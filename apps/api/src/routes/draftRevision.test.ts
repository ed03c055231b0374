import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simpleDraft } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const labelled = (label: string) => {
  const draft = simpleDraft('tpl');
  draft.nodes[1] = { ...draft.nodes[1]!, label } as never;
  return draft;
};

describe('draft revisions (two tabs on one draft)', () => {
  it('refuses a save based on an old revision with 409 and overwrites nothing; the right revision saves and bumps it', async () => {
    const created = await t.send('POST', '/api/journeys', { name: 'Shared', draft: labelled('start') });
    const id = created.body.id;
    expect((await t.send('GET', `/api/journeys/${id}`)).body.revision).toBe(1);

    // Tab A saves on revision 1.
    const first = await t.send('PUT', `/api/journeys/${id}`, { draft: labelled('from A'), baseRevision: 1 });
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(2);

    // Tab B still thinks it has revision 1.
    const stale = await t.send('PUT', `/api/journeys/${id}`, { name: 'Renamed by B', draft: labelled('from B'), baseRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'conflict', currentRevision: 2 });
    expect(stale.body.message).toContain('revision 2');
    const kept = (await t.send('GET', `/api/journeys/${id}`)).body;
    expect(kept).toMatchObject({ name: 'Shared', revision: 2 });
    expect(kept.draft.nodes[1].label).toBe('from A');

    // "Overwrite with mine": B saves again based on the current revision.
    const overwrite = await t.send('PUT', `/api/journeys/${id}`, { draft: labelled('from B'), baseRevision: 2 });
    expect(overwrite.status).toBe(200);
    expect(overwrite.body.revision).toBe(3);
    expect((await t.send('GET', `/api/journeys/${id}`)).body.draft.nodes[1].label).toBe('from B');
  });

  it('saves without a baseRevision unconditionally (scripts, the README walkthrough), still bumping it', async () => {
    const created = await t.send('POST', '/api/journeys', { name: 'Scripted', draft: labelled('one') });
    const saved = await t.send('PUT', `/api/journeys/${created.body.id}`, { draft: labelled('two') });
    expect(saved.status).toBe(200);
    expect(saved.body.revision).toBe(2);
  });

  it('answers 400 naming baseRevision when it is not a whole number', async () => {
    const created = await t.send('POST', '/api/journeys', { name: 'Bad', draft: labelled('one') });
    const bad = await t.send('PUT', `/api/journeys/${created.body.id}`, { draft: labelled('two'), baseRevision: 'latest' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('baseRevision');
  });

  it('documents baseRevision in the OpenAPI body of PUT /api/journeys/{id}', async () => {
    const document = (await t.send('GET', '/openapi.json')).body;
    const body = document.paths['/api/journeys/{id}'].put.requestBody.content['application/json'].schema;
    expect(body.properties.baseRevision.description).toContain('409');
  });
});
