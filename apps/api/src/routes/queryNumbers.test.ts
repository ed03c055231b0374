import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

describe('number query parameters', () => {
  it('refuses an empty number (?offset=) with a 400 naming it, as the OpenAPI document says, and reads real ones', async () => {
    const offer = await t.send('POST', '/api/offers', { name: 'Spring', codeSource: 'pool' });
    // The fuzzer's request: `offset=` was read as 0 and answered 200.
    const empty = await t.send('GET', `/api/offers/${offer.body.id}/codes?limit=31&offset=`);
    expect(empty.status).toBe(400);
    expect(empty.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['offset']);
    const page = await t.send('GET', `/api/offers/${offer.body.id}/codes?limit=31&offset=5`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ limit: 31, offset: 5 });
    expect((await t.send('GET', `/api/offers/${offer.body.id}/codes`)).body).toMatchObject({ limit: 25, offset: 0 });
  });

  it('reads a key named like a property every object has (`__proto__`, `constructor`) as any unknown key: no 500', async () => {
    // The fuzzer's request: `?__proto__=` found Object.prototype as the field's schema and failed with a 500.
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const summary = await t.send('GET', `/api/analytics/journeys/summary?${key}=`);
      expect({ key, status: summary.status }).toEqual({ key, status: 200 });
      const nodes = await t.send('GET', `/api/analytics/journeys/nodes?${key}=&i=`);
      expect({ key, status: nodes.status, fields: nodes.body.issues?.map((issue: { path: string }) => issue.path) }).toEqual({ key, status: 400, fields: ['journey'] });
    }
  });
});
