import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppEnv } from './appContext';
import { openApiPath } from './openapi';
import { registerRoutes } from './routes/register';
import { route, type Route } from './routes/route';
import { routeTable } from './routes/table';
import { publishedJourney } from './testing/journeyFixtures';
import { testApp, type TestApp } from './testing/testApp';

let t: TestApp;
beforeAll(async () => {
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

const answersJson = (route: Route) => route.ok.status !== 204 && route.ok.status !== 302 && (route.ok.type ?? 'application/json') === 'application/json';
const routeOf = (method: string, path: string) => routeTable.find((entry) => entry.method === method && entry.path === path) as Route;

describe('response schemas', () => {
  it('gives every JSON route of the table a response schema, and documents it', async () => {
    const doc = (await t.sendAs('GET', '/openapi.json')).body;
    const missing = routeTable.filter((entry) => answersJson(entry) && !entry.ok.schema).map((entry) => `${entry.method} ${entry.path}`);
    expect(missing).toEqual([]);
    for (const entry of routeTable.filter(answersJson)) {
      const schema = doc.paths[openApiPath(entry.path)][entry.method.toLowerCase()].responses[String(entry.ok.status)].content['application/json'].schema;
      expect(schema, `${entry.method} ${entry.path}`).not.toEqual({ type: 'object' });
      expect(JSON.stringify(schema).length, `${entry.method} ${entry.path}`).toBeGreaterThan(30);
    }
    const customer = doc.paths['/api/customers/{id}'].get.responses['200'].content['application/json'].schema;
    expect(customer.required).toEqual(expect.arrayContaining(['customer', 'stageHistory', 'events', 'runs']));
    expect(doc.paths['/metrics'].get.responses['200'].content).toHaveProperty(['text/plain']);
  });

  it('real answers of many routes validate against their schemas', async () => {
    const { journeyId, versionId, templateId } = await publishedJourney(t);
    await t.ingest('/v1/identify', { userId: 'ada', traits: { email: 'ada@example.com', plan: 'pro' } });
    const offer = await t.send('POST', '/api/offers', { name: 'Ten off', codeSource: 'generated', codePrefix: 'TEN' });
    const calls: [string, string, string, unknown?][] = [
      ['GET', '/api/journeys', '/api/journeys'],
      ['GET', '/api/journeys/:id', `/api/journeys/${journeyId}`],
      ['GET', '/api/journeys/:id/versions/:versionId', `/api/journeys/${journeyId}/versions/${versionId}`],
      ['POST', '/api/journeys/:id/validate', `/api/journeys/${journeyId}/validate`],
      ['GET', '/api/templates/:id', `/api/templates/${templateId}`],
      ['POST', '/api/templates/preview', '/api/templates/preview', { template: { subject: 'Hi', html: '<p>{{ customer.traits.plan }}</p>' }, traits: { plan: 'pro' } }],
      ['GET', '/api/offers/:id', `/api/offers/${offer.body.id}`],
      ['GET', '/api/customers', '/api/customers'],
      ['GET', '/api/customers/:id', '/api/customers/ada'],
      ['GET', '/api/runs', '/api/runs'],
      ['GET', '/api/runs/counts', '/api/runs/counts'],
      ['GET', '/api/dashboard', '/api/dashboard'],
      ['GET', '/api/session', '/api/session'],
      ['GET', '/api/write-keys', '/api/write-keys'],
      ['GET', '/api/audit', '/api/audit'],
      ['GET', '/api/lifecycle/stages', '/api/lifecycle/stages'],
      ['GET', '/health', '/health'],
    ];
    for (const [method, path, url, body] of calls) {
      const answer = await t.send(method, url, body);
      expect(answer.status, `${method} ${url}: ${answer.text}`).toBe(routeOf(method, path).ok.status);
      const parsed = (routeOf(method, path).ok.schema as z.ZodType).safeParse(answer.body);
      expect(parsed.error?.issues ?? [], `${method} ${url}`).toEqual([]);
    }
  });

  it('under Vitest, an answer that does not match its schema fails the request (so every API test checks it)', async () => {
    const app = new Hono<AppEnv>().onError((error, c) => c.json({ error: 'internal_error', message: error.message }, 500));
    const lying = route({
      method: 'GET', path: '/lying', role: 'public', tag: 'test', summary: 'answers the wrong shape', ok: { status: 200, schema: z.object({ count: z.number() }) },
      handler: (c) => c.json({ count: 'three' }),
    });
    registerRoutes(app, [lying]);
    const response = await app.request('/lying');
    expect(response.status).toBe(500);
    expect(((await response.json()) as { message: string }).message).toContain('count');
  });

  it('under Vitest, an answer with a field its schema does not describe fails the request too', async () => {
    const app = new Hono<AppEnv>().onError((error, c) => c.json({ error: 'internal_error', message: error.message }, 500));
    const undocumented = route({
      method: 'GET', path: '/undocumented', role: 'public', tag: 'test', summary: 'answers a field the schema omits',
      ok: { status: 200, schema: z.object({ runs: z.array(z.object({ id: z.string() })) }) },
      handler: (c) => c.json({ runs: [{ id: 'a', secretField: 1 }] }),
    });
    registerRoutes(app, [undocumented]);
    const response = await app.request('/undocumented');
    expect(response.status).toBe(500);
    expect(((await response.json()) as { message: string }).message).toContain('runs[0].secretField');
  });
});

describe('the journey draft in the OpenAPI document', () => {
  it('shows each node type with its described fields, not only id/type/label/position', async () => {
    const doc = (await t.sendAs('GET', '/openapi.json')).body;
    const draft = doc.paths['/api/journeys/{id}'].put.requestBody.content['application/json'].schema.properties.draft;
    const node = draft.properties.nodes.items;
    const forms: { properties?: Record<string, { const?: string; description?: string }> }[] = node.anyOf;
    const types = forms.map((form) => form.properties?.type?.const).filter(Boolean);
    expect(types).toEqual(expect.arrayContaining(['trigger', 'send_email', 'wait', 'wait_for_event', 'condition_split', 'random_split', 'offer', 'update_customer', 'exit']));
    const sendEmail = forms.find((form) => form.properties?.type?.const === 'send_email');
    expect(sendEmail?.properties?.templateId?.description).toMatch(/template/);
    const wait = forms.find((form) => form.properties?.type?.const === 'wait');
    expect(JSON.stringify(wait?.properties?.duration)).toContain('amount');
    expect(JSON.stringify(forms.find((form) => form.properties?.type?.const === 'trigger'))).toContain('reentry');
  });
});

describe('the document says what the API accepts (fuzz findings)', () => {
  it('marks a body optional where an empty body is accepted, e.g. POST /api/write-keys', async () => {
    const doc = (await t.sendAs('GET', '/openapi.json')).body;
    expect(doc.paths['/api/write-keys'].post.requestBody.required).toBe(false);
    expect((await t.send('POST', '/api/write-keys')).status).toBe(201);
    expect(doc.paths['/api/session'].post.requestBody.required).toBe(true);
    expect((await t.sendAs('POST', '/api/session')).status).toBe(400);
  });

  it('documents batch items as messages, so an item field is limited only where its message type has it', async () => {
    const doc = (await t.sendAs('GET', '/openapi.json')).body;
    const items = doc.paths['/v1/batch'].post.requestBody.content['application/json'].schema.properties.batch.items;
    const alias = items.oneOf.find((variant: { properties: { type: { const: string } } }) => variant.properties.type.const === 'alias');
    expect(alias.required).toEqual(expect.arrayContaining(['type', 'previousId', 'userId']));
    const long = 'p'.repeat(600);
    const refused = await t.ingest('/v1/batch', { batch: [{ type: 'alias', userId: 'u1', previousId: long }, { type: 'track', userId: 'u2', event: 'e' }] });
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0].path).toBe('batch[0].previousId');
  });

  it('refuses a writeKey in the body that is not a string, even with the key in the Authorization header', async () => {
    const response = await t.ingest('/v1/alias', { userId: 'u1', previousId: 'p1', writeKey: 0 });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: 'writeKey', message: 'must be a string' }]);
  });
});

describe('batch-level fields do not mask a bad message field (fuzz finding)', () => {
  it('refuses a batch item whose context is a string, though the batch has a context', async () => {
    const response = await t.ingest('/v1/batch', { context: {}, batch: [{ type: 'identify', userId: 'u9', context: '' }, { type: 'identify', userId: 'u10' }] });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ accepted: 1, issues: [{ path: 'batch[0].context' }] });
  });
});

describe('email addresses as the document\'s `email` format means them (fuzz finding)', () => {
  it('refuses a test-send address whose part before @ is over 64 characters, naming `to`', async () => {
    const template = await t.send('POST', '/api/templates', { name: 'Long local part', subject: 'Hi', html: '<p>Hi</p>' });
    expect(template.status).toBe(201);
    const response = await t.send('POST', `/api/templates/${template.body.id as string}/test-send`, { to: `${'a'.repeat(65)}@example.com` });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([expect.objectContaining({ path: 'to' })]);
  });

  it('refuses a user whose email has a local part over 64 characters', async () => {
    const response = await t.send('POST', '/api/users', { email: `${'b'.repeat(65)}@example.com`, password: 'a long enough password', role: 'viewer' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.issues)).toContain('email');
  });
});
