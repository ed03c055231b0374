import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from './openapi';
import { routeTable } from './routes/table';
import { testApp, type TestApp } from './testing/testApp';

let t: TestApp;
beforeAll(() => {
  t = testApp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /openapi.json', () => {
  it('documents every route of the table with its auth, parameters, body and error answers', async () => {
    const response = await t.sendAs('GET', '/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearerToken', 'csrfToken', 'sessionCookie', 'writeKey']);
    for (const route of routeTable) {
      const operation = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation['x-role']).toBe(route.role);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409', '413', '422', '429']));
      const pathNames = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]);
      const documented = operation.parameters.filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name);
      expect(documented).toEqual(pathNames);
      if (route.body) expect(operation.requestBody.content['application/json'].schema).toBeDefined();
      expect(operation.security.length === 0).toBe(route.role === 'public');
    }
  });

  it('describes a body with its fields, e.g. sign-in', async () => {
    const doc = (await t.sendAs('GET', '/openapi.json')).body;
    const schema = doc.paths['/api/session'].post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['email', 'password']);
    expect(doc.paths['/api/runs'].get.parameters.map((p: { name: string }) => p.name)).toContain('cursor');
  });
});
