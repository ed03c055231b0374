import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { membershipsOf, upsertCustomer } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';
import { evaluateCustomerSegments, type LoadedSegment } from './segmentMembership';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

describe('a segment that cannot be evaluated', () => {
  it('is skipped for this customer while every other segment is still evaluated', async () => {
    const created = await t.send('POST', '/api/segments', { name: 'Pro', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } });
    expect(created.status).toBe(201);
    await upsertCustomer(t.db, 'u1', { plan: 'pro' });
    // As a definition stored by an older build could be: it parses, but no SQL can be made of it.
    const broken = { id: 'seg_broken', name: 'Broken', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'x', op: 'unknown_op' }] } } as unknown as LoadedSegment;
    const pro = { id: created.body.id as string, name: 'Pro', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } } as LoadedSegment;
    const outcome = await evaluateCustomerSegments(t.db, 'u1', [broken, pro]);
    expect(outcome.entered).toEqual([pro.id]);
    expect((await membershipsOf(t.db, 'u1')).map((m) => m.segmentId)).toEqual([pro.id]);
  });

});
