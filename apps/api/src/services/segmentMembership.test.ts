import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDelivery, events, membershipsOf } from '@lifecycle/db';
import { onPostgres } from '@lifecycle/db/testing';
import { SegmentGroup } from '@lifecycle/journey';
import { signTrackingToken } from '@lifecycle/messaging';
import { testApp, type TestApp } from '../testing/testApp';
import { sweepLifecycle } from '../dispatch/lifecycleSweep';
import { createSegment as createSegmentWith, removeSegment, saveSegment } from './segments';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const segmentEvents = async (customerId: string) =>
  (await t.db.select().from(events)).filter((event) => event.customerId === customerId && event.name?.startsWith('segment_')).map((event) => `${event.name}:${String(event.properties.segmentName)}`);

async function createSegment(name: string, definition: unknown): Promise<string> {
  const response = await t.send('POST', '/api/segments', { name, definition });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

describe('segment membership as events arrive', () => {
  it('enters and leaves a trait segment as identify changes the trait, emitting entered/exited events', async () => {
    const pro = await createSegment('Pro plan', { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] });
    await t.ingest('/v1/identify', { userId: 'u1', traits: { plan: 'free' } });
    expect(await membershipsOf(t.db, 'u1')).toEqual([]);
    await t.ingest('/v1/identify', { userId: 'u1', traits: { plan: 'pro' } });
    expect((await membershipsOf(t.db, 'u1')).map((m) => m.segmentId)).toEqual([pro]);
    await t.ingest('/v1/identify', { userId: 'u1', traits: { plan: 'free' } });
    expect(await membershipsOf(t.db, 'u1')).toEqual([]);
    expect(await segmentEvents('u1')).toEqual(['segment_entered:Pro plan', 'segment_exited:Pro plan']);
  });

  it('counts events in a window, combines AND/OR groups and follows another segment', async () => {
    const buyers = await createSegment('Repeat buyers', {
      match: 'all',
      conditions: [
        { kind: 'event', event: 'purchase', op: 'count', count: { op: 'gte', value: 2 }, within: { amount: 7, unit: 'days' } },
        { match: 'any', conditions: [{ kind: 'trait', path: 'country', op: 'eq', value: 'FR' }, { kind: 'trait', path: 'vip', op: 'eq', value: true }] },
      ],
    });
    const notBuyers = await createSegment('Not repeat buyers', { match: 'all', conditions: [{ kind: 'segment', segmentId: buyers, member: false }] });
    await t.ingest('/v1/identify', { userId: 'u1', traits: { vip: true } });
    expect((await membershipsOf(t.db, 'u1')).map((m) => m.segmentId)).toEqual([notBuyers]);
    await t.ingest('/v1/track', { userId: 'u1', event: 'purchase' });
    expect((await membershipsOf(t.db, 'u1')).map((m) => m.segmentId)).toEqual([notBuyers]);
    await t.ingest('/v1/track', { userId: 'u1', event: 'purchase' });
    expect((await membershipsOf(t.db, 'u1')).map((m) => m.segmentId)).toEqual([buyers]);
    expect(await segmentEvents('u1')).toEqual(['segment_entered:Not repeat buyers', 'segment_entered:Repeat buyers', 'segment_exited:Not repeat buyers']);
  });

  it('lets a customer drop out of a time window with no new event, found by the re-check sweep', async () => {
    const recent = await createSegment('Active this week', { match: 'all', conditions: [{ kind: 'event', event: 'login', op: 'happened', within: { amount: 7, unit: 'days' } }] });
    const longAgo = new Date(Date.now() - 6 * 86_400_000).toISOString();
    await t.ingest('/v1/track', { userId: 'u1', event: 'login', timestamp: longAgo });
    expect((await membershipsOf(t.db, 'u1')).map((m) => m.segmentId)).toEqual([recent]);
    expect((await sweepLifecycle(t.db, new Date(Date.now() + 0.5 * 86_400_000))).rechecked).toBe(0); // the window has not ended yet
    expect((await sweepLifecycle(t.db, new Date(Date.now() + 1.5 * 86_400_000))).rechecked).toBe(1);
    expect(await membershipsOf(t.db, 'u1')).toEqual([]);
    expect(await segmentEvents('u1')).toEqual(['segment_entered:Active this week', 'segment_exited:Active this week']);
  });

  it('enters an email-engagement segment when the customer opens an email (the tracking pixel)', async () => {
    const openers = await createSegment('Openers', { match: 'all', conditions: [{ kind: 'email', action: 'opened', op: 'happened', within: { amount: 30, unit: 'days' } }] });
    await t.ingest('/v1/identify', { userId: 'u1', traits: { email: 'u1@example.com' } });
    await claimDelivery(t.db, { id: 'd1', idempotencyKey: 'k1', workflowId: 'w1', nodeId: 'send', journeyId: 'j', customerId: 'u1', templateId: 'tpl', messageId: '<d1@x>' });
    expect(await membershipsOf(t.db, 'u1')).toEqual([]);
    const pixel = await t.app.request(`/t/o/${signTrackingToken(t.config.trackingSecret, { kind: 'open', deliveryId: 'd1' })}`);
    expect(pixel.status).toBe(200);
    expect((await membershipsOf(t.db, 'u1')).map((m) => m.segmentId)).toEqual([openers]);
  });

  it('previews size and sample of a definition before it is saved, and fills a new segment with existing matches', async () => {
    for (const id of ['a', 'b', 'c']) await t.ingest('/v1/identify', { userId: id, traits: { plan: id === 'c' ? 'free' : 'pro' } });
    const preview = await t.send('POST', '/api/segments/preview', { definition: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } });
    expect(preview.body.size).toBe(2);
    expect(preview.body.sample.map((row: { id: string }) => row.id)).toEqual(['a', 'b']);
    await createSegment('Pro', { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] });
    const listed = await t.send('GET', '/api/segments');
    expect(listed.body.segments[0]).toMatchObject({ name: 'Pro', size: 2 });
  });

  it('refuses to delete a segment another one refers to', async () => {
    const base = await createSegment('Base', { match: 'all', conditions: [] });
    await createSegment('Uses base', { match: 'all', conditions: [{ kind: 'segment', segmentId: base, member: true }] });
    expect((await t.send('DELETE', `/api/segments/${base}`)).status).toBe(409);
  });

  it('never deletes a segment while requests at once save others referring to it: either the delete or the saves are refused', async () => {
    const base = await createSegment('Base', { match: 'all', conditions: [] });
    const other = await createSegment('Other', { match: 'all', conditions: [] });
    const refersToBase = { match: 'all', conditions: [{ kind: 'segment', segmentId: base, member: true }] };
    const [deleted, created, saved] = await Promise.all([
      t.send('DELETE', `/api/segments/${base}`),
      t.send('POST', '/api/segments', { name: 'Uses base', definition: refersToBase }),
      t.send('PUT', `/api/segments/${other}`, { name: 'Other', definition: refersToBase }),
    ]);
    // Either the delete goes first and both saves are refused (400), or a save goes first and the delete is (409).
    const statuses = [deleted.status, created.status, saved.status];
    expect([[204, 400, 400], [409, 201, 200]]).toContainEqual(statuses);
    const left = (await t.send('GET', '/api/segments')).body.segments as { id: string; definition: unknown }[];
    const referring = left.filter((segment) => JSON.stringify(segment.definition).includes(base));
    expect(left.some((segment) => segment.id === base)).toBe(referring.length > 0);
  });

  it('never deletes a segment that a save begun before the delete makes another one refer to', async () => {
    const base = await createSegment('Base', { match: 'all', conditions: [] });
    const other = await createSegment('Other', { match: 'all', conditions: [] });
    const definition = SegmentGroup.parse({ match: 'all', conditions: [{ kind: 'segment', segmentId: base, member: true }] });
    // The saves' checks of the segment they refer to start first: they must hold until the save is written.
    const outcomes = await Promise.allSettled([
      saveSegment(t.db, other, { name: 'Other', description: null, definition }),
      createSegmentWith(t.db, { name: 'Uses base', description: null, definition }),
      removeSegment(t.db, base),
    ]);
    // SQLite runs the transactions in the order they began: the saves, then the refused delete. On Postgres they run
    // side by side and the first to lock the segment's row goes first: the delete may, and then both saves are refused.
    const statuses = outcomes.map((outcome) => outcome.status);
    if (statuses[2] === 'fulfilled') {
      expect(onPostgres()).toBe(true);
      expect(outcomes.slice(0, 2)).toMatchObject([{ reason: { status: 400, code: 'invalid_segment' } }, { reason: { status: 400, code: 'invalid_segment' } }]);
    } else {
      expect(statuses).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      expect(outcomes[2]).toMatchObject({ reason: { status: 409, code: 'segment_in_use' } });
    }
  });

  it('deletes a segment once when two requests delete it at once', async () => {
    const base = await createSegment('Base', { match: 'all', conditions: [] });
    const statuses = (await Promise.all([t.send('DELETE', `/api/segments/${base}`), t.send('DELETE', `/api/segments/${base}`)])).map((response) => response.status);
    expect(statuses.sort()).toEqual([204, 404]);
  });
});
