import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, getCustomer, resolveAlias } from '@lifecycle/db';
import { testApp, WRITE_KEY, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const sent = async () => (await t.db.select().from(events)).filter((event) => event.type !== 'internal');

async function gzipped(path: string, body: unknown, extraHeaders: Record<string, string> = {}) {
  const response = await t.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: t.basic(WRITE_KEY), ...extraHeaders },
    body: gzipSync(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))),
  });
  return { status: response.status, body: (await response.json()) as { error?: string; message?: string; issues: { path: string; message: string }[] } };
}

describe('the Segment event API', () => {
  it('stores page, screen, group and alias sent to their own endpoints', async () => {
    expect((await t.ingest('/v1/page', { userId: 'u1', name: 'Pricing', category: 'Docs', properties: { path: '/pricing' } })).status).toBe(200);
    expect((await t.ingest('/v1/screen', { userId: 'u1', name: 'Home' })).status).toBe(200);
    expect((await t.ingest('/v1/group', { userId: 'u1', groupId: 'acme', traits: { plan: 'team' } })).status).toBe(200);
    expect((await t.ingest('/v1/alias', { userId: 'u1', previousId: 'old-u1' })).status).toBe(200);
    const stored = await sent();
    expect(stored.map((event) => event.type)).toEqual(['page', 'screen', 'group', 'alias']);
    expect(stored[0]).toMatchObject({ name: 'Pricing', properties: { path: '/pricing', category: 'Docs' }, customerId: 'u1' });
    expect(stored[2]).toMatchObject({ traits: { plan: 'team' }, properties: { groupId: 'acme' } });
  });

  it('accepts every message type in one batch', async () => {
    const batch = ['identify', 'track', 'page', 'screen', 'group', 'alias'].map((type, index) => ({
      type, userId: 'u1', messageId: `m${index}`, event: 'clicked', groupId: 'g', previousId: 'p', traits: { email: 'u1@example.com' },
    }));
    const response = await t.ingest('/v1/batch', { batch });
    expect(response.body).toEqual({ success: true, accepted: 6 });
    expect(await sent()).toHaveLength(6);
  });

  it('names the missing field of a group or alias', async () => {
    const response = await t.ingest('/v1/alias', { userId: 'u1' });
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain('previousId');
  });
});

describe('gzip bodies and size limits', () => {
  it('reads a gzip batch and applies the 32 KB message limit after decompression', async () => {
    const response = await gzipped('/v1/batch', { batch: [{ type: 'track', userId: 'u1', event: 'a' }, { type: 'track', userId: 'u2', event: 'b', properties: { blob: 'x'.repeat(40_000) } }] });
    expect(response.status).toBe(400);
    expect(response.body.issues[0]).toEqual({ path: 'batch[1]', message: 'a message must be at most 32 KB' });
    expect((await sent()).map((event) => event.customerId)).toEqual(['u1']);
  });

  it('refuses a gzip body past 500 KB once decompressed with a clear 400, though it is small on the wire', async () => {
    const batch = Array.from({ length: 60 }, (_, index) => ({ type: 'track', userId: `u${index}`, event: 'e', properties: { pad: 'y'.repeat(9_000) } }));
    const response = await gzipped('/v1/batch', { batch });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'payload_too_large', message: 'the request body must be at most 500 KB (after decompression)' });
    expect(await sent()).toHaveLength(0);
  });

  it('refuses a plain single message over 32 KB and a body that is not gzip', async () => {
    expect((await t.ingest('/v1/page', { userId: 'u1', properties: { blob: 'x'.repeat(40_000) } })).body.error).toBe('payload_too_large');
    const broken = await t.app.request('/v1/track', { method: 'POST', headers: { 'content-encoding': 'gzip', authorization: t.basic(WRITE_KEY) }, body: 'not gzip' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toBe('invalid_gzip');
  });

  it('stores a gzip message once however often it is retried (messageId)', async () => {
    const message = { userId: 'u1', event: 'paid', messageId: 'gz-1' };
    expect((await gzipped('/v1/track', message)).status).toBe(200);
    expect((await gzipped('/v1/track', message)).status).toBe(200);
    expect(await sent()).toHaveLength(1);
  });
});

describe('merging anonymous visitors', () => {
  it('moves the anonymous events to the customer on identify and merges their traits', async () => {
    await t.ingest('/v1/identify', { anonymousId: 'a1', traits: { referrer: 'ad', plan: 'free' } });
    await t.ingest('/v1/track', { anonymousId: 'a1', event: 'viewed_pricing' });
    await t.ingest('/v1/identify', { userId: 'u1', anonymousId: 'a1', traits: { email: 'u1@example.com', plan: 'pro' } });
    await t.ingest('/v1/track', { anonymousId: 'a1', event: 'after_merge' });

    expect(await getCustomer(t.db, 'anon:a1')).toBeUndefined();
    expect((await getCustomer(t.db, 'u1'))?.traits).toEqual({ referrer: 'ad', plan: 'pro', email: 'u1@example.com' });
    expect((await sent()).map((event) => event.customerId)).toEqual(['u1', 'u1', 'u1', 'u1']);
    expect(await resolveAlias(t.db, 'anon:a1')).toBe('u1');
  });

  it('merges a previous userId into the new one on alias', async () => {
    await t.ingest('/v1/identify', { userId: 'old', traits: { email: 'old@example.com' } });
    await t.ingest('/v1/track', { userId: 'old', event: 'signed_up' });
    await t.ingest('/v1/alias', { previousId: 'old', userId: 'new' });
    await t.ingest('/v1/track', { userId: 'old', event: 'later' });
    expect(await getCustomer(t.db, 'old')).toBeUndefined();
    expect((await getCustomer(t.db, 'new'))?.email).toBe('old@example.com');
    expect(new Set((await sent()).map((event) => event.customerId))).toEqual(new Set(['new']));
    const profile = await t.send('GET', '/api/customers/new');
    expect(profile.body.events.map((event: { name: string | null }) => event.name)).toContain('signed_up');
  });
});
