import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeAll(async () => {
  t = testApp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/session/status', () => {
  it('answers 200 signedIn false to a visitor, a stale cookie or a bad token (no 401 for the browser to log)', async () => {
    const callers: Record<string, string>[] = [{}, { cookie: 'lifecycle_session=stale' }, { authorization: 'Bearer nope' }];
    for (const headers of callers) {
      const response = await t.sendAs('GET', '/api/session/status', undefined, headers);
      expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { signedIn: false } });
    }
  });

  it('answers signedIn true to a session and to an API token', async () => {
    expect((await t.sendAs('GET', '/api/session/status', undefined, await t.accounts.session('viewer'))).body).toEqual({ signedIn: true });
    expect((await t.sendAs('GET', '/api/session/status', undefined, { authorization: `Bearer ${await t.accounts.token('viewer')}` })).body).toEqual({ signedIn: true });
  });
});
