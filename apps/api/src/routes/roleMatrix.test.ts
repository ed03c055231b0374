import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atLeast, type Role } from '../auth/roles';
import { testApp, WRITE_KEY, type TestApp } from '../testing/testApp';
import type { Route } from './route';
import { routeTable } from './table';

let t: TestApp;
beforeAll(async () => {
  t = testApp();
});
afterAll(async () => {
  await t.close();
});

/** A concrete URL for a route: every param filled with a value that names nothing. */
const urlOf = (route: Route) => route.path.replace(/:(\w+)(\{[^}]*\})?/g, 'no-such-$1');
const send = (route: Route, headers: Record<string, string>) => t.sendAs(route.method, urlOf(route), route.method === 'GET' ? undefined : {}, headers);
const isManagement = (route: Route): route is Route & { role: Role } => route.role !== 'public' && route.role !== 'writeKey';
const roles: Role[] = ['viewer', 'marketer', 'admin'];

// The route table is the input: a route added to it is walked here without anyone remembering to.
describe.each(routeTable.map((route) => [`${route.method} ${route.path} (${route.role})`, route] as const))('%s', (_name, route) => {
  it('answers a caller with no credentials as its role says', async () => {
    const { status } = await send(route, {});
    if (route.role === 'public') expect([401, 403]).not.toContain(status);
    else expect(status).toBe(401);
  });

  it.each(roles)('answers a %s session as its role says', async (role) => {
    const { status, body } = await send(route, await t.accounts.session(role));
    if (route.role === 'writeKey') expect(status).toBe(401);
    else if (isManagement(route) && !atLeast(role, route.role)) expect({ status, error: body?.error }).toEqual({ status: 403, error: 'forbidden' });
    else expect([401, 403]).not.toContain(status);
  });

  it.each(roles)('answers a %s API token as its role says', async (role) => {
    const { status } = await send(route, { authorization: `Bearer ${await t.accounts.token(role)}` });
    if (route.role === 'writeKey') expect(status).toBe(401);
    else if (isManagement(route) && !atLeast(role, route.role)) expect(status).toBe(403);
    else expect([401, 403]).not.toContain(status);
  });

  it('refuses a write key on management routes, as Basic or as Bearer', async () => {
    const basic = await send(route, { authorization: t.basic(WRITE_KEY) });
    const bearer = await send(route, { authorization: `Bearer ${WRITE_KEY}` });
    if (isManagement(route)) {
      expect(basic.status).toBe(401);
      expect(bearer.status).toBe(401);
    } else if (route.role === 'writeKey') {
      expect([401, 403]).not.toContain(basic.status);
    }
  });
});
