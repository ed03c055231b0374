import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDelivery, events, membershipsOf } from '@lifecycle/db';
import { signTrackingToken } from '@lifecycle/messaging';
import { testApp, type TestApp } from '../testing/testApp';
import { sweepLifecycle } from '../dispatch/lifecycleSweep';

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
});
