import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, segmentMemberships } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

function segmentJourney(segmentId: string, entry: Record<string, unknown> = {}) {
  return {
    nodes: [
      { id: 'start', type: 'trigger', entry: { kind: 'segment', segmentId, on: 'entered', includeExisting: true, ...entry }, reentry: { policy: 'always' } },
      { id: 'done', type: 'exit' },
    ],
    edges: [{ id: 'e1', source: 'start', sourceExit: 'next', target: 'done' }],
  };
}

const backfills = async () => (await t.db.select().from(events)).filter((event) => event.name === 'segment_entered' && event.properties.backfill === true);

describe('include-existing at publish', () => {
  it('enters every member of a segment larger than a page (500) once, and a second publish enters nobody again', async () => {
    const segment = await t.send('POST', '/api/segments', { name: 'Big', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'big', op: 'eq', value: true }] } });
    const members = Array.from({ length: 501 }, (_, index) => `c${String(index).padStart(5, '0')}`);
    await t.db.transaction(async () => {
      for (const customerId of members) await t.db.insert(segmentMemberships).values({ segmentId: segment.body.id, customerId, enteredAt: '2026-01-01T00:00:00.000Z' });
    });
    const journey = await t.send('POST', '/api/journeys', { name: 'Big welcome', draft: segmentJourney(segment.body.id) });
    expect((await t.send('POST', `/api/journeys/${journey.body.id}/publish`)).status).toBe(201);
    expect(await backfills()).toHaveLength(501);
    expect((await backfills())[0]?.properties).toEqual({ segmentId: segment.body.id, segmentName: 'Big', journeyId: journey.body.id, backfill: true });
    await t.dispatcher.dispatchPending(); // the sweep's pass
    expect(new Set(t.temporal.started.map((run) => run.input.customerId))).toEqual(new Set(members));

    expect((await t.send('POST', `/api/journeys/${journey.body.id}/publish`)).status).toBe(201);
    await t.dispatcher.dispatchPending(); // the sweep's pass
    expect(await backfills()).toHaveLength(501);
    expect(t.temporal.started).toHaveLength(501);
  });

  it('enters nobody for a journey that starts on leaving the segment or without include-existing', async () => {
    const segment = await t.send('POST', '/api/segments', { name: 'Small', definition: { match: 'all', conditions: [] } });
    await t.db.insert(segmentMemberships).values({ segmentId: segment.body.id, customerId: 'ada', enteredAt: '2026-01-01T00:00:00.000Z' });
    for (const entry of [{ on: 'exited' }, { includeExisting: false }]) {
      const journey = await t.send('POST', '/api/journeys', { name: `Small ${JSON.stringify(entry)}`, draft: segmentJourney(segment.body.id, entry) });
      expect((await t.send('POST', `/api/journeys/${journey.body.id}/publish`)).status).toBe(201);
    }
    expect(await backfills()).toHaveLength(0);
  });

  it('refuses to publish a segment entry naming a segment that does not exist, or a stage not configured, beside the field', async () => {
    const gone = await t.send('POST', '/api/journeys', { name: 'Gone', draft: segmentJourney('seg_gone') });
    const refused = await t.send('POST', `/api/journeys/${gone.body.id}/publish`);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain("starts on segment 'seg_gone', which does not exist (deleted?): choose another segment");
    const validation = await t.send('POST', `/api/journeys/${gone.body.id}/validate`);
    expect(validation.body.problems).toContainEqual(expect.objectContaining({ nodeId: 'start', field: 'entry.segmentId', code: 'unknown_segment' }));

    const stageDraft = { ...segmentJourney('x'), nodes: [{ id: 'start', type: 'trigger', entry: { kind: 'stage', stage: 'vip' }, reentry: { policy: 'once' } }, { id: 'done', type: 'exit' }] };
    const stage = await t.send('POST', '/api/journeys', { name: 'Unknown stage', draft: stageDraft });
    const stageRefused = await t.send('POST', `/api/journeys/${stage.body.id}/publish`);
    expect(stageRefused.status).toBe(422);
    expect(JSON.stringify(stageRefused.body)).toContain("starts on stage 'vip', which is not one of the configured lifecycle stages: choose a stage");
  });
});
