import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simpleDraft, publishedJourney } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

describe('journey drafts', () => {
  it('rejects an unknown node type, naming the field', async () => {
    const draft = simpleDraft('tpl');
    draft.nodes.push({ id: 'x', type: 'teleport' });
    const response = await t.send('POST', '/api/journeys', { name: 'Bad', draft });
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain('draft.nodes[3].type');
  });

  it('saves a half-configured draft and reports its problems on validate', async () => {
    const created = await t.send('POST', '/api/journeys', { name: 'WIP', draft: { nodes: [{ id: 'send', type: 'send_email' }], edges: [] } });
    expect(created.status).toBe(201);
    const validated = await t.send('POST', `/api/journeys/${created.body.id}/validate`);
    expect(validated.body.ok).toBe(false);
    expect(validated.body.problems.map((problem: { code: string }) => problem.code)).toContain('no_trigger');
  });

  it('answers 422 invalid_journey with per-node problems when publishing an invalid graph', async () => {
    const draft = simpleDraft('no-such-template');
    draft.edges.pop(); // `send` now has an unconnected exit
    const created = await t.send('POST', '/api/journeys', { name: 'Broken', draft });
    const published = await t.send('POST', `/api/journeys/${created.body.id}/publish`);
    expect(published.status).toBe(422);
    expect(published.body.error).toBe('invalid_journey');
    expect(published.body.problems).toContainEqual(expect.objectContaining({ nodeId: 'send', code: 'unknown_template' }));
    expect(published.body.problems.every((problem: { message: string }) => problem.message.length > 0)).toBe(true);
    expect((await t.send('GET', `/api/journeys/${created.body.id}`)).body.status).toBe('draft');
  });

  it('answers 404 for a journey that does not exist', async () => {
    const response = await t.send('PUT', '/api/journeys/nope', { name: 'x' });
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('not_found');
  });
});

describe('publishing', () => {
  it('creates version 1 then 2, and runs keep the version they started with', async () => {
    const { journeyId, templateId, versionId: first } = await publishedJourney(t, { reentry: { policy: 'always' } });
    await t.ingest('/v1/track', { userId: 'u1', event: 'signed_up' });
    await t.dispatcher.idle();

    const changed = simpleDraft(templateId, 'signed_up', { policy: 'always' });
    const nodes: Record<string, unknown>[] = changed.nodes;
    nodes[1] = { ...nodes[1], label: 'Welcome v2' };
    await t.send('PUT', `/api/journeys/${journeyId}`, { draft: changed });
    const second = await t.send('POST', `/api/journeys/${journeyId}/publish`);
    expect(second.body.version).toBe(2);
    await t.ingest('/v1/track', { userId: 'u2', event: 'signed_up' });
    await t.dispatcher.idle();

    const journey = await t.send('GET', `/api/journeys/${journeyId}`);
    expect(journey.body).toMatchObject({ status: 'live', liveVersionId: second.body.id });
    expect(journey.body.versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    const runs = (await t.send('GET', `/api/runs?journeyId=${journeyId}`)).body.runs;
    const versionOf = (customerId: string) => runs.find((run: { customerId: string }) => run.customerId === customerId)?.versionId;
    expect(versionOf('u1')).toBe(first);
    expect(versionOf('u2')).toBe(second.body.id);
    const frozen = await t.send('GET', `/api/journeys/${journeyId}/versions/${first}`);
    expect(frozen.body.graph.nodes[1].label).toBeUndefined();
  });
});
