import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countUsers } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';
import { bootstrapAccounts } from './bootstrap';
import { ensureWriteKey } from '../services/writeKeys';
import { openTestDatabase } from '@lifecycle/db/testing';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const password = 'correct horse battery';

async function marketer() {
  const created = await t.send('POST', '/api/users', { email: 'Mia@Example.com', password, role: 'marketer' });
  expect(created.status).toBe(201);
  return created.body as { id: string; email: string };
}

async function signIn(email = 'mia@example.com', secret = password) {
  const response = await t.sendAs('POST', '/api/session', { email, password: secret });
  const cookie = response.headers.get('set-cookie') ?? '';
  return { ...response, cookie, session: { cookie: cookie.split(';')[0] ?? '', 'x-csrf-token': response.body?.csrfToken as string } };
}

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the user and CSRF token', async () => {
    const user = await marketer();
    const signed = await signIn();
    expect(signed.status).toBe(200);
    expect(signed.body).toEqual({ user: { id: user.id, email: 'mia@example.com', role: 'marketer' }, csrfToken: expect.any(String) });
    expect(signed.cookie).toMatch(/^lifecycle_session=[\w-]{40,};/);
    expect(signed.cookie).toMatch(/HttpOnly/);
    expect(signed.cookie).toMatch(/SameSite=Lax/);
    expect(signed.cookie).toMatch(/Path=\//);
    expect(signed.cookie).not.toMatch(/Secure/);
    const me = await t.sendAs('GET', '/api/session', undefined, { cookie: signed.session.cookie });
    expect(me.body).toEqual(signed.body);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    await t.close();
    t = testApp({ publicUrl: 'https://lifecycle.example.com' });
    await marketer();
    expect((await signIn()).cookie).toMatch(/; Secure/);
  });

  it('answers 401 for a wrong password, an unknown email and a disabled user, without a cookie', async () => {
    const user = await marketer();
    const wrong = await signIn('mia@example.com', 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_credentials');
    expect(wrong.cookie).toBe('');
    expect((await signIn('nobody@example.com')).status).toBe(401);
    await t.send('PATCH', `/api/users/${user.id}`, { disabled: true });
    expect((await signIn()).status).toBe(401);
  });

  it('signs out: the old cookie no longer works', async () => {
    await marketer();
    const { session } = await signIn();
    expect((await t.sendAs('DELETE', '/api/session', undefined, session)).status).toBe(204);
    expect((await t.sendAs('GET', '/api/templates', undefined, session)).status).toBe(401);
  });

  it('ends the sessions of a user who is disabled', async () => {
    const user = await marketer();
    const { session } = await signIn();
    await t.send('PATCH', `/api/users/${user.id}`, { disabled: true });
    expect((await t.sendAs('GET', '/api/journeys', undefined, session)).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a write with the session cookie but a missing or wrong X-CSRF-Token, and accepts the right one', async () => {
    await marketer();
    const { session } = await signIn();
    const template = { name: 'Hi', subject: 'Hi', html: '<p>Hi</p>' };
    const missing = await t.sendAs('POST', '/api/templates', template, { cookie: session.cookie });
    expect(missing.status).toBe(403);
    expect(missing.body.error).toBe('csrf');
    const wrong = await t.sendAs('POST', '/api/templates', template, { cookie: session.cookie, 'x-csrf-token': 'guess' });
    expect(wrong.status).toBe(403);
    expect((await t.send('GET', '/api/templates')).body.templates).toHaveLength(0);
    expect((await t.sendAs('POST', '/api/templates', template, session)).status).toBe(201);
  });
});

describe('password change', () => {
  it('needs the current password and at least 10 characters, then only the new password signs in', async () => {
    await marketer();
    const { session } = await signIn();
    const other = await signIn();
    const wrong = await t.sendAs('POST', '/api/session/password', { currentPassword: 'nope', newPassword: 'a new long password' }, session);
    expect(wrong.body.error).toBe('wrong_password');
    const short = await t.sendAs('POST', '/api/session/password', { currentPassword: password, newPassword: 'short' }, session);
    expect(short.status).toBe(400);
    expect(short.body.issues[0].path).toBe('newPassword');
    expect((await t.sendAs('POST', '/api/session/password', { currentPassword: password, newPassword: 'a new long password' }, session)).status).toBe(204);
    expect((await signIn()).status).toBe(401);
    expect((await signIn('mia@example.com', 'a new long password')).status).toBe(200);
    expect((await t.sendAs('GET', '/api/session', undefined, session)).status).toBe(200);
    expect((await t.sendAs('GET', '/api/session', undefined, other.session)).status).toBe(401);
  });
});

describe('first start', () => {
  it('creates the admin of ADMIN_EMAIL/ADMIN_PASSWORD once, who can then sign in', async () => {
    await t.ready;
    await t.db.prepare('delete from users').run(); // testApp's own token holders
    const config = { ...t.config, adminEmail: 'Root@Example.com', adminPassword: 'a long admin password' };
    expect(await bootstrapAccounts(t.db, config, () => undefined)).toEqual({ outcome: 'admin_created', email: 'root@example.com' });
    expect(await bootstrapAccounts(t.db, config, () => undefined)).toEqual({ outcome: 'ready' });
    const signed = await signIn('root@example.com', 'a long admin password');
    expect(signed.body.user.role).toBe('admin');
  });

  it('comes up in two processes starting together on one empty database: one admin, one write key, no failure', async () => {
    await t.ready;
    await t.db.prepare('delete from users').run();
    // The second API replica: its own connection to the same database.
    const other = openTestDatabase(t.config.databasePath);
    try {
      const config = { ...t.config, adminEmail: 'root@example.com', adminPassword: 'a long admin password' };
      const outcomes = await Promise.all([bootstrapAccounts(t.db, config, () => undefined), bootstrapAccounts(other, config, () => undefined)]);
      expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['admin_created', 'ready']);
      expect(await countUsers(t.db)).toBe(1);
      await Promise.all([ensureWriteKey(t.db, 'wk_two_replicas_0001'), ensureWriteKey(other, 'wk_two_replicas_0001')]);
      expect(await t.db.prepare("select count(*) from write_keys where prefix = 'wk_two_r'").pluck().get()).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('logs a setup link that creates the first admin once', async () => {
    await t.ready;
    await t.db.prepare('delete from users').run();
    const lines: string[] = [];
    const result = await bootstrapAccounts(t.db, t.config, (line) => lines.push(line));
    if (result.outcome !== 'setup_link') throw new Error(`expected a setup link, got ${result.outcome}`);
    expect(lines.join('\n')).toContain(result.url);
    const token = result.url.split('/#/setup/')[1];
    expect((await t.sendAs('GET', '/api/setup')).body).toEqual({ needed: true });
    expect((await t.sendAs('POST', '/api/setup', { token: 'forged', email: 'a@example.com', password })).status).toBe(403);
    const created = await t.sendAs('POST', '/api/setup', { token, email: 'first@example.com', password });
    expect(created.status).toBe(201);
    expect(created.body.user.role).toBe('admin');
    expect(created.headers.get('set-cookie')).toMatch(/lifecycle_session=/);
    const again = await t.sendAs('POST', '/api/setup', { token, email: 'second@example.com', password });
    expect(again.status).toBe(409);
    expect(await countUsers(t.db)).toBe(1);
  });
});
