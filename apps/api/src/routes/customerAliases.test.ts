import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const idsFound = async (q: string) => (await t.send('GET', `/api/customers?q=${encodeURIComponent(q)}`)).body.customers.map((c: { id: string }) => c.id);

describe('a customer asked for by a former id', () => {
  it('answers the customer a previousId was aliased into, and search finds them by it', async () => {
    await t.ingest('/v1/identify', { userId: 'old-42', traits: { email: 'old@example.com' } });
    await t.ingest('/v1/track', { userId: 'old-42', event: 'signed_up' });
    expect((await t.ingest('/v1/alias', { previousId: 'old-42', userId: 'new-42' })).status).toBe(200);

    const profile = await t.send('GET', '/api/customers/old-42');
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ requestedId: 'old-42', aliases: expect.arrayContaining(['old-42']), customer: { id: 'new-42', email: 'old@example.com' } });
    expect(profile.body.events.map((event: { name: string | null }) => event.name)).toContain('signed_up');
    expect(await idsFound('old-42')).toEqual(['new-42']);
    expect((await t.send('GET', '/api/customers/old-42/events')).body).toMatchObject({ customerId: 'new-42', events: expect.arrayContaining([expect.objectContaining({ name: 'signed_up' })]) });
  });

  it('answers the known customer an anonymous visitor became on identify, and search finds them by the anon id', async () => {
    await t.ingest('/v1/track', { anonymousId: 'device-7', event: 'viewed_pricing' });
    expect((await t.send('GET', '/api/customers/anon:device-7')).body.customer.id).toBe('anon:device-7');
    await t.ingest('/v1/identify', { userId: 'u7', anonymousId: 'device-7', traits: { email: 'u7@example.com' } });

    const profile = await t.send('GET', `/api/customers/${encodeURIComponent('anon:device-7')}`);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ requestedId: 'anon:device-7', customer: { id: 'u7', email: 'u7@example.com' } });
    expect(profile.body.events.map((event: { name: string | null }) => event.name)).toContain('viewed_pricing');
    expect(await idsFound('anon:device')).toEqual(['u7']);
    expect((await t.send('GET', '/api/customers/u7')).body).toMatchObject({ requestedId: 'u7', aliases: ['anon:device-7'] });
    expect((await t.send('GET', '/api/customers/anon:nobody')).status).toBe(404);
  });

  it('suppresses the customer a former id became', async () => {
    await t.ingest('/v1/identify', { userId: 'u8', anonymousId: 'device-8' });
    const suppressed = await t.send('POST', '/api/customers/anon:device-8/suppress', { suppressed: true });
    expect(suppressed.body).toMatchObject({ id: 'u8', suppressed: true });
  });
});
