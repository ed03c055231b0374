import { readSecretValues, workspaceSecrets } from '@lifecycle/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeAll(async () => {
  t = testApp();
});
afterAll(async () => {
  await t.close();
});

describe('workspace secrets and the outbound host allow-list', () => {
  it('stores a secret sealed and never answers its value, to anyone', async () => {
    const put = await t.send('PUT', '/api/secrets/CRM_TOKEN', { value: 'tok-very-secret' });
    expect(put.status, put.text).toBe(200);
    expect(put.text).not.toContain('tok-very-secret');
    const listed = await t.send('GET', '/api/secrets');
    expect(listed.body.secrets.map((secret: { name: string }) => secret.name)).toEqual(['CRM_TOKEN']);
    expect(listed.text).not.toContain('tok-very-secret');
    const [row] = await t.db.select().from(workspaceSecrets);
    expect(row?.ciphertext).not.toContain('tok-very-secret');
    expect((await readSecretValues(t.db, ['CRM_TOKEN'], t.config.trackingSecret)).get('CRM_TOKEN')).toBe('tok-very-secret');
  });

  it('names the field of a bad request and refuses marketers', async () => {
    const badName = await t.send('PUT', '/api/secrets/1bad', { value: 'x' });
    expect(badName.status).toBe(400);
    expect(badName.text).toContain('a secret name starts with a letter');
    const badHost = await t.send('POST', '/api/outbound/allowed-hosts', { host: 'http://evil.example/path' });
    expect(badHost.status).toBe(400);
    expect(badHost.text).toContain('without scheme, port or path');
    const marketer = await t.send('PUT', '/api/secrets/OTHER', { value: 'x' }, { authorization: `Bearer ${await t.accounts.token('marketer')}` });
    expect(marketer.status).toBe(403);
  });

  it('allows and removes a host', async () => {
    const allowed = await t.send('POST', '/api/outbound/allowed-hosts', { host: 'Hooks.Internal' });
    expect(allowed.status, allowed.text).toBe(201);
    expect(allowed.body.host).toBe('hooks.internal');
    expect((await t.send('DELETE', '/api/outbound/allowed-hosts/hooks.internal')).status).toBe(204);
    expect((await t.send('DELETE', '/api/outbound/allowed-hosts/hooks.internal')).status).toBe(404);
  });
});
