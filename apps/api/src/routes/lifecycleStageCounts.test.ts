import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';
import { onPostgres } from '@lifecycle/db/testing';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

type Counts = { stages: { stage: string; customers: number }[]; unlisted: { stage: string; customers: number }[]; total: number };

describe('customers per lifecycle stage', () => {
  it('counts customers in each configured stage, in order; customers with no stage yet are in the first', async () => {
    await t.ingest('/v1/track', { userId: 'new', event: 'viewed' });
    await t.ingest('/v1/identify', { userId: 'known', traits: { email: 'known@example.com' } });
    await t.ingest('/v1/track', { userId: 'buyer', event: 'purchase' });
    const response = await t.send('GET', '/api/lifecycle/stages/counts');
    expect(response.status).toBe(200);
    const body = response.body as Counts;
    expect(body.stages.map((row) => row.stage)).toEqual(['awareness', 'acquisition', 'onboarding', 'engagement', 'retention', 'advocacy', 'at_risk', 'churned']);
    expect(Object.fromEntries(body.stages.filter((row) => row.customers > 0).map((row) => [row.stage, row.customers]))).toEqual({ awareness: 1, acquisition: 1, retention: 1 });
    expect(body).toMatchObject({ unlisted: [], total: 3 });
  });

  it('lists stages customers hold that the config no longer names, apart', async () => {
    await t.ingest('/v1/track', { userId: 'buyer', event: 'purchase' });
    const saved = await t.send('PUT', '/api/lifecycle/stages', { stages: ['lead', 'paying'], rules: [] });
    expect(saved.status).toBe(200);
    const body = (await t.send('GET', '/api/lifecycle/stages/counts')).body as Counts;
    expect(body).toEqual({ stages: [{ stage: 'lead', customers: 0 }, { stage: 'paying', customers: 0 }], unlisted: [{ stage: 'retention', customers: 1 }], total: 1 });
  });

  // SQLite only: SQLite's query plan.
  it.skipIf(onPostgres())('counts along the stage index: the count never reads the customers table row by row', async () => {
    // Speed belongs in bench/; this pins the plan that keeps the count cheap at a million customers.
    const plan = await t.db.prepare('EXPLAIN QUERY PLAN SELECT c.lifecycle_stage, count(*) FROM customers c WHERE 1 = 1 GROUP BY c.lifecycle_stage').all<{ detail: string }>();
    expect(plan.map((row) => row.detail).join(' | ')).toMatch(/USING COVERING INDEX customers_stage/);
  });
});
