import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishedJourney } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API tokens', () => {
  it('refuses a name longer than the documented 200 characters even when padding would trim it to 200 (found by the fuzzer)', async () => {
    const padded = await t.send('POST', '/api/tokens', { name: `\t#${'*'.repeat(199)}`, role: 'viewer' });
    expect(padded.status).toBe(400);
    expect(padded.text).toContain('name');
    expect((await t.send('POST', '/api/tokens', { name: `  ${'*'.repeat(198)}`, role: 'viewer' })).body.name).toBe('*'.repeat(198));
  });

  it('shows the token once, stores only its hash, and scopes it to its role', async () => {
    const created = await t.send('POST', '/api/tokens', { name: 'ci', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^lc_/);
    const listed = await t.send('GET', '/api/tokens');
    expect(listed.text).not.toContain(created.body.token);
    expect(listed.body.tokens.map((token: { name: string }) => token.name)).toContain('ci');
    const stored = (await t.db.prepare('select token_hash from api_tokens where id = ?').get(created.body.id)) as { token_hash: string };
    expect(stored.token_hash).not.toContain(created.body.token);

    expect((await t.sendAs('GET', '/api/journeys', undefined, bearer(created.body.token))).status).toBe(200);
    const write = await t.sendAs('POST', '/api/journeys', { name: 'x' }, bearer(created.body.token));
    expect(write.status).toBe(403);
    expect(write.body.error).toBe('forbidden');
  });

  it('answers 401 once a token is revoked or expired', async () => {
    const created = await t.send('POST', '/api/tokens', { name: 'deploy', role: 'marketer' });
    expect((await t.sendAs('POST', '/api/templates', { name: 'a', subject: 'a', html: 'a' }, bearer(created.body.token))).status).toBe(201);
    expect((await t.send('DELETE', `/api/tokens/${created.body.id}`)).status).toBe(204);
    expect((await t.sendAs('GET', '/api/templates', undefined, bearer(created.body.token))).status).toBe(401);

    const soon = await t.send('POST', '/api/tokens', { name: 'short', role: 'viewer', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await t.db.prepare('update api_tokens set expires_at = ? where id = ?').run(new Date(Date.now() - 1000).toISOString(), soon.body.id);
    expect((await t.sendAs('GET', '/api/templates', undefined, bearer(soon.body.token))).status).toBe(401);
  });

  it('never makes a write key work as a bearer token, nor an API token as a write key', async () => {
    const key = await t.send('POST', '/api/write-keys', { name: 'site' });
    expect((await t.sendAs('GET', '/api/journeys', undefined, bearer(key.body.key))).status).toBe(401);
    const token = await t.send('POST', '/api/tokens', { name: 'ci', role: 'admin' });
    expect((await t.ingest('/v1/track', { userId: 'u1', event: 'x' }, token.body.token)).status).toBe(401);
  });
});

describe('audit log', () => {
  it('records who published and deleted what, newest first, for admins only', async () => {
    const { journeyId, versionId } = await publishedJourney(t);
    const marketer = await t.accounts.session('marketer');
    expect((await t.sendAs('DELETE', `/api/journeys/${journeyId}`, undefined, marketer)).status).toBe(204);
    const log = await t.send('GET', '/api/audit?limit=2');
    expect(log.body.entries.map((entry: { action: string }) => entry.action)).toEqual(['journey.delete', 'journey.publish']);
    const [deleted, published] = log.body.entries;
    expect(deleted).toMatchObject({ actorType: 'user', actorLabel: expect.stringMatching(/^marketer-/), targetType: 'journey', targetId: journeyId });
    expect(published).toMatchObject({ actorType: 'token', actorLabel: 'token admin token', targetId: journeyId, summary: { versionId, version: 1 } });
    const older = await t.send('GET', `/api/audit?limit=2&cursor=${log.body.nextCursor}`);
    expect(older.body.entries.map((entry: { action: string }) => entry.action)).toEqual(['journey.create', 'template.create']);
    expect((await t.sendAs('GET', '/api/audit', undefined, await t.accounts.session('marketer'))).status).toBe(403);
  });

  it('records user and token changes', async () => {
    const user = await t.send('POST', '/api/users', { email: 'vic@example.com', password: 'long enough password', role: 'viewer' });
    await t.send('PATCH', `/api/users/${user.body.id}`, { role: 'marketer' });
    await t.send('POST', '/api/tokens', { name: 'ci', role: 'viewer' });
    const actions = (await t.send('GET', '/api/audit')).body.entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(['api_token.create', 'user.update', 'user.create']);
  });
});

describe('user administration', () => {
  it('keeps at least one enabled admin', async () => {
    await t.ready;
    const admins = await t.db.prepare("select id from users where role = 'admin'").all<{ id: string }>();
    for (const admin of admins.slice(1)) await t.send('DELETE', `/api/users/${admin.id}`);
    const last = await t.send('PATCH', `/api/users/${admins[0]!.id}`, { role: 'viewer' });
    expect(last.status).toBe(409);
    expect(last.body.error).toBe('last_admin');
  });

  it.each([
    ['disabling', (id: string) => t.send('PATCH', `/api/users/${id}`, { disabled: true })],
    ['demoting', (id: string) => t.send('PATCH', `/api/users/${id}`, { role: 'viewer' })],
    ['deleting', (id: string) => t.send('DELETE', `/api/users/${id}`)],
  ])('refuses one of two requests at once %s the last two enabled admins', async (_, change) => {
    await t.ready;
    const admins = [(await t.accounts.user('admin')).id, (await t.accounts.user('admin')).id];
    // The requests' API token keeps its admin role, but the user who made it is no admin now: these two are the last.
    await t.db.prepare("update users set role = 'viewer' where role = 'admin' and id not in (?, ?)").run(...admins);
    const responses = await Promise.all(admins.map(change));
    const refused = responses.filter((response) => response.status === 409);
    expect(refused.map((response) => response.body.error)).toEqual(['last_admin']);
    expect(responses.filter((response) => response.status < 300)).toHaveLength(1);
    expect(await t.db.prepare("select count(*) as n from users where role = 'admin' and not disabled").get()).toEqual({ n: 1 });
  });

  it('refuses a second user with the same email, whatever its case', async () => {
    await t.send('POST', '/api/users', { email: 'sam@example.com', password: 'long enough password', role: 'viewer' });
    const again = await t.send('POST', '/api/users', { email: 'SAM@example.com', password: 'long enough password', role: 'viewer' });
    expect(again.status).toBe(409);
  });
});
