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
});
