import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, getCustomer } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

// What the sender sent; stage and segment changes add internal events of their own.
const storedEvents = async () => (await t.db.select().from(events)).filter((event) => event.type !== 'internal');

describe('ingest authentication', () => {
  it('answers 401 invalid_write_key for a missing, wrong or revoked key and stores nothing', async () => {
    const message = { userId: 'u1', event: 'signed_up' };
    expect((await t.send('POST', '/v1/track', message)).body).toMatchObject({ error: 'invalid_write_key' });
    const wrong = await t.ingest('/v1/track', message, 'not-a-real-key');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_write_key');

    const created = await t.send('POST', '/api/write-keys', { name: 'site' });
    expect(created.status).toBe(201);
    expect((await t.ingest('/v1/track', message, created.body.key)).status).toBe(200);
    expect((await t.send('DELETE', `/api/write-keys/${created.body.id}`)).status).toBe(204);
    const revoked = await t.ingest('/v1/track', { ...message, messageId: 'after-revoke' }, created.body.key);
    expect(revoked.status).toBe(401);
    expect(await storedEvents()).toHaveLength(1);
  });

  it('accepts the write key in the body, as Segment libraries may send it', async () => {
    const response = await t.send('POST', '/v1/batch', { writeKey: 'test-write-key-0001', batch: [{ type: 'track', userId: 'u1', event: 'x' }] });
    expect(response.status).toBe(200);
  });

  it('lists write keys without the key itself', async () => {
    const created = await t.send('POST', '/api/write-keys', { name: 'site' });
    const listed = await t.send('GET', '/api/write-keys');
    expect(listed.text).not.toContain(created.body.key);
    expect(listed.body.writeKeys.map((key: { name: string }) => key.name)).toContain('site');
  });
});

describe('ingest validation', () => {
  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const response = await t.ingest('/v1/track', '{"userId": "u1", ');
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_json');
  });

  it('refuses a body of only white space as no JSON, and reads no body at all as no fields', async () => {
    // The fuzzer's request: a body of one space created a write key named "default".
    for (const blank of [' ', '\n', '\t \r\n']) {
      const refused = await t.send('POST', '/api/write-keys', blank);
      expect({ blank, status: refused.status, error: refused.body.error }).toEqual({ blank, status: 400, error: 'invalid_json' });
    }
    expect((await t.send('GET', '/api/write-keys')).body.writeKeys.map((key: { name: string }) => key.name)).not.toContain('default');
    const created = await t.send('POST', '/api/write-keys');
    expect({ status: created.status, name: created.body.name }).toEqual({ status: 201, name: 'default' });
  });

  it('names userId when neither userId nor anonymousId is sent', async () => {
    const response = await t.ingest('/v1/track', { event: 'signed_up' });
    expect(response.status).toBe(400);
    expect(response.body.issues).toContainEqual({ path: 'userId', message: 'userId or anonymousId is required' });
    expect(await storedEvents()).toHaveLength(0);
  });

  it('names the event field of a track without one', async () => {
    const response = await t.ingest('/v1/track', { userId: 'u1' });
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain('event');
  });

  it('stores the valid messages of a batch and names the invalid ones by index', async () => {
    const response = await t.ingest('/v1/batch', {
      batch: [
        { type: 'identify', userId: 'u1', traits: { email: 'a@example.com' } },
        { type: 'track', event: 'signed_up' },
        { type: 'track', userId: 'u2', event: 'signed_up' },
        { type: 'teleport', userId: 'u3' },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_messages', accepted: 2 });
    const paths = response.body.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toContain('batch[1].userId');
    expect(paths).toContain('batch[3].type');
    expect((await storedEvents()).map((event) => event.customerId).sort()).toEqual(['u1', 'u2']);
  });

  it('refuses a sentAt so far from timestamp that the corrected date leaves the years 1000–9999, keeping the rest', async () => {
    // Each field is in range; Segment's clock-skew correction (received − (sentAt − timestamp)) would date it ~6970 BC.
    const skewed = { type: 'track', userId: 'u1', event: 'clicked', timestamp: '1000-01-02T00:00:00Z', sentAt: '9999-01-01T00:00:00Z' };
    const response = await t.ingest('/v1/batch', { batch: [skewed, { type: 'track', userId: 'u2', event: 'clicked', sentAt: '2026-01-01T00:00:00Z' }] });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: 'batch[0].sentAt', message: expect.stringContaining('years 1000–9999') }]);
    expect((await storedEvents()).map((event) => event.customerId)).toEqual(['u2']);
    // The customer can still be merged: before, the stored out-of-range date made every alias of them fail with 500.
    expect((await t.ingest('/v1/alias', { previousId: 'u1', userId: 'u3' })).status).toBe(200);
    const single = await t.ingest('/v1/track', skewed);
    expect(single.status).toBe(400);
    expect(single.body.message).toMatch(/^sentAt: /);
  });

  it('answers 200 with the count when every message in a batch is valid', async () => {
    const response = await t.ingest('/v1/batch', {
      batch: [
        { type: 'track', anonymousId: 'a1', event: 'viewed' },
        { type: 'page', userId: 'u1', name: 'Home' },
      ],
    });
    expect(response.body).toEqual({ success: true, accepted: 2 });
    expect((await storedEvents()).map((event) => event.customerId).sort()).toEqual(['anon:a1', 'u1']);
  });

  it('refuses a single message over 32 KB with 400 and a clear body', async () => {
    const response = await t.ingest('/v1/track', { userId: 'u1', event: 'big', properties: { blob: 'x'.repeat(40_000) } });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('payload_too_large');
  });
});

describe('ingest storage', () => {
  it('stores a repeated messageId once', async () => {
    const message = { userId: 'u1', event: 'purchased', messageId: 'm-1', properties: { total: 10 } };
    expect((await t.ingest('/v1/track', message)).status).toBe(200);
    expect((await t.ingest('/v1/track', message)).status).toBe(200);
    await t.ingest('/v1/batch', { batch: [{ ...message, type: 'track' }] });
    expect(await storedEvents()).toHaveLength(1);
  });

  it('merges identify traits into the customer', async () => {
    await t.ingest('/v1/identify', { userId: 'u1', traits: { email: 'a@example.com', plan: 'free', firstName: 'Ada' } });
    await t.ingest('/v1/identify', { userId: 'u1', traits: { plan: 'pro' } });
    const customer = await getCustomer(t.db, 'u1');
    expect(customer?.traits).toEqual({ email: 'a@example.com', plan: 'pro', firstName: 'Ada' });
    expect(customer?.email).toBe('a@example.com');
  });

  it('creates an unknown customer on track, keyed anon:<anonymousId> when anonymous', async () => {
    await t.ingest('/v1/track', { anonymousId: 'device-7', event: 'opened_app' });
    expect(await getCustomer(t.db, 'anon:device-7')).toBeDefined();
  });

  it('has the event committed when the answer arrives', async () => {
    const response = await t.ingest('/v1/track', { userId: 'u9', event: 'signed_up', properties: { plan: 'free' }, timestamp: '2026-01-02T03:04:05Z' });
    expect(response.body).toEqual({ success: true });
    const [event] = await storedEvents();
    expect(event).toMatchObject({ type: 'track', name: 'signed_up', customerId: 'u9', properties: { plan: 'free' }, timestamp: '2026-01-02T03:04:05.000Z' });
  });
});
