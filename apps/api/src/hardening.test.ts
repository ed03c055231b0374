import { afterEach, describe, expect, it } from 'vitest';
import { simpleDraft } from './testing/journeyFixtures';
import { testApp, type TestApp } from './testing/testApp';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

describe('rate limits', () => {
  it('allows 5 sign-in attempts a minute per email and address, then 429 with Retry-After', async () => {
    t = testApp();
    const attempt = (email: string) => t.sendAs('POST', '/api/session', { email, password: 'wrong password' });
    for (let i = 0; i < 5; i++) expect((await attempt('ada@example.com')).status).toBe(401);
    const limited = await attempt('ada@example.com');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await attempt('bob@example.com')).status).toBe(401);
  });

  it('behind a trusted proxy, counts sign-in attempts per client address the proxy saw, not per proxy', async () => {
    t = testApp({ trustedProxyHops: 1 });
    // The proxy appends the address it saw; what the client wrote to the left of it is not trusted.
    const from = (chain: string) => t.sendAs('POST', '/api/session', { email: 'ada@example.com', password: 'wrong password' }, { 'x-forwarded-for': chain });
    for (let i = 0; i < 5; i++) expect((await from(`9.9.9.${i}, 203.0.113.7`)).status).toBe(401);
    expect((await from('203.0.113.7')).status).toBe(429);
    // Another client behind the same proxy still gets its own attempts.
    expect((await from('198.51.100.4')).status).toBe(401);
  });

  it('limits the event API per write key with 429 and Retry-After, and stores nothing refused', async () => {
    t = testApp({ ingestRatePerSecond: 0.01, ingestBurst: 2 });
    const other = await t.send('POST', '/api/write-keys', { name: 'other' });
    for (let i = 0; i < 2; i++) expect((await t.ingest('/v1/track', { userId: 'u1', event: 'x', messageId: `m${i}` })).status).toBe(200);
    const limited = await t.ingest('/v1/track', { userId: 'u1', event: 'x', messageId: 'm-limited' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await t.ingest('/v1/track', { userId: 'u1', event: 'x', messageId: 'm-other' }, other.body.key)).status).toBe(200);
    const stored = await t.db.prepare('select message_id from events order by message_id').all();
    expect(stored).toEqual([{ message_id: 'm-other' }, { message_id: 'm0' }, { message_id: 'm1' }]);
  });
});

describe('secure headers', () => {
  it('sends CSP, nosniff, Referrer-Policy and X-Frame-Options on API answers and errors', async () => {
    t = testApp();
    for (const path of ['/health', '/api/journeys', '/api/nothing']) {
      const { headers } = await t.sendAs('GET', path);
      expect(headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

describe('body limits', () => {
  it('refuses a management body over 1 MB with 413', async () => {
    t = testApp();
    const response = await t.send('POST', '/api/templates', { name: 'Big', subject: 'x', html: 'x'.repeat(1_100_000) });
    expect(response.status).toBe(413);
    expect(response.body.error).toBe('payload_too_large');
  });

  it('refuses JSON nested deeper than 32 levels with 400 too_deep, on management and ingest', async () => {
    t = testApp();
    const deep = `{"name":"x","draft":${'['.repeat(40)}${']'.repeat(40)}}`;
    const management = await t.send('POST', '/api/journeys', deep);
    expect(management.status).toBe(400);
    expect(management.body.error).toBe('too_deep');
    const nested = JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`);
    const ingest = await t.ingest('/v1/track', { userId: 'u1', event: 'x', properties: nested });
    expect(ingest.body.error).toBe('too_deep');
    expect(await t.db.prepare('select count(*) as n from events').get()).toEqual({ n: 0 });
  });
});

describe('template render limits', () => {
  const runaway = '{% for i in (1..100000000) %}{{ i }}{% endfor %}';

  it('refuses to save a template that exceeds the render limits, naming the field', async () => {
    t = testApp();
    const response = await t.send('POST', '/api/templates', { name: 'Loop', subject: 'Hi', html: runaway });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_template');
    expect(response.body.issues[0].path).toBe('html');
    expect(response.body.message).toMatch(/^html: cannot be rendered/);
    expect((await t.send('GET', '/api/templates')).body.templates).toHaveLength(0);
  });

  it('refuses to publish a journey whose template no longer renders, naming the node', async () => {
    t = testApp();
    const template = await t.send('POST', '/api/templates', { name: 'Fine', subject: 'Hi', html: '<p>Hi</p>' });
    // A template stored before the limits existed (or by another tool) is still checked at publish.
    await t.db.prepare('update templates set html = ? where id = ?').run(runaway, template.body.id);
    const journey = await t.send('POST', '/api/journeys', { name: 'J', draft: simpleDraft(template.body.id) });
    const published = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
    expect(published.status).toBe(422);
    expect(published.body.problems).toEqual([expect.objectContaining({ nodeId: 'send', field: 'templateId', message: expect.stringContaining('template "Fine"') })]);
  });
});
