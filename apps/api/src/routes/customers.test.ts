import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, explainListCustomers, getCustomer, insertRunIfAbsent, runs } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';
import { onPostgres } from '@lifecycle/db/testing';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

async function seed() {
  const people = [
    { userId: 'alice', traits: { email: 'alice@example.com', plan: 'pro' } },
    { userId: 'bob', traits: { email: 'bob@example.com', plan: 'free' } },
    { userId: 'carol', traits: { email: 'carol@shop.test', plan: 'pro' } },
  ];
  for (const person of people) await t.ingest('/v1/identify', person);
  await t.ingest('/v1/track', { userId: 'carol', event: 'purchase' });
}

describe('customers list', () => {
  it('searches by id or email prefix and by trait, filters by stage and segment, and pages by cursor', async () => {
    await seed();
    const ids = async (query: string) => (await t.send('GET', `/api/customers?${query}`)).body.customers.map((c: { id: string }) => c.id);
    expect(await ids('q=bo')).toEqual(['bob']);
    expect(await ids('q=carol%40shop')).toEqual(['carol']);
    expect(await ids('trait=plan%3Dpro')).toEqual(['alice', 'carol']);
    expect(await ids('stage=retention')).toEqual(['carol']);
    const segment = await t.send('POST', '/api/segments', { name: 'Free', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'free' }] } });
    expect(await ids(`segmentId=${segment.body.id}`)).toEqual(['bob']);

    const first = await t.send('GET', '/api/customers?limit=2');
    expect(first.body.customers.map((c: { id: string }) => c.id)).toEqual(['alice', 'bob']);
    const second = await t.send('GET', `/api/customers?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ customers: [{ id: 'carol' }], nextCursor: null });
  });

  // SQLite only: SQLite's query plan.
  it.skipIf(onPostgres())('pages and searches through indexes, never a full-table sort', async () => {
    const plans = [
      await explainListCustomers(t.db, { after: 'm', limit: 51 }),
      await explainListCustomers(t.db, { stage: 'retention', after: 'm', limit: 51 }),
      await explainListCustomers(t.db, { q: 'ali', limit: 51 }),
    ].map((plan) => plan.join(' | '));
    // Paging walks an index in id order; a search sorts only its matches (two index range scans).
    for (const plan of plans.slice(0, 2)) expect(plan).not.toContain('USE TEMP B-TREE');
    expect(plans[1]).toContain('customers_stage_id');
    expect(plans[2]).toContain('customers_email (email>? AND email<?)');
    expect(plans[2]).toContain('(id>? AND id<?)');
  });
});

describe('customer profile, delete and suppress', () => {
  it('shows traits, stage history, events and runs', async () => {
    await seed();
    await insertRunIfAbsent(t.db, { workflowId: 'run-1', journeyId: 'j1', versionId: 'v1', customerId: 'carol', triggerEventId: null, status: 'waiting', startedAt: new Date().toISOString() });
    const profile = await t.send('GET', '/api/customers/carol');
    expect(profile.body.customer).toMatchObject({ id: 'carol', lifecycleStage: 'retention', traits: { plan: 'pro' } });
    expect(profile.body.stageHistory.map((change: { toStage: string }) => change.toStage)).toEqual(['retention', 'acquisition']);
    expect(profile.body.events.map((event: { name: string | null }) => event.name)).toContain('purchase');
    expect(profile.body.runs).toEqual([expect.objectContaining({ workflowId: 'run-1', status: 'waiting' })]);
    expect((await t.send('GET', '/api/customers/nobody')).status).toBe(404);
  });

  it('deletes a customer with all their data after cancelling their active runs, and audits it', async () => {
    await seed();
    await t.ingest('/v1/track', { userId: 'carol', event: 'purchase', properties: { revenue: 30 }, context: { campaign: { source: 'podcast' } } });
    expect((await t.send('GET', '/api/analytics/channels')).body.channels).toEqual([{ channel: 'podcast', customers: 1 }]);
    expect((await t.send('GET', '/api/customers/carol/value')).body).toMatchObject({ revenue: 30 });
    await insertRunIfAbsent(t.db, { workflowId: 'run-1', journeyId: 'j1', versionId: 'v1', customerId: 'carol', triggerEventId: null, status: 'waiting', startedAt: new Date().toISOString() });
    const cancelled: string[] = [];
    t.temporal.cancel = async (workflowId: string) => {
      cancelled.push(workflowId);
      return 'cancelled';
    };
    const response = await t.send('DELETE', '/api/customers/carol');
    expect(response.body).toEqual({ deleted: true, cancelledRuns: 1 });
    expect(cancelled).toEqual(['run-1']);
    expect(await getCustomer(t.db, 'carol')).toBeUndefined();
    expect((await t.db.select().from(events)).filter((event) => event.customerId === 'carol')).toEqual([]);
    expect(await t.db.select().from(runs)).toEqual([]);
    // Her analytics rows leave with her: no channel of hers, no value.
    expect((await t.send('GET', '/api/analytics/channels')).body.channels).toEqual([]);
    expect((await t.send('GET', '/api/customers/carol/value')).status).toBe(404);
    const auditLog = await t.send('GET', '/api/audit');
    expect(auditLog.body.entries[0]).toMatchObject({ action: 'customer.delete', targetId: 'carol' });
  });

  it('keeps everything when Temporal cannot cancel the runs', async () => {
    await seed();
    await insertRunIfAbsent(t.db, { workflowId: 'run-1', journeyId: 'j1', versionId: 'v1', customerId: 'carol', triggerEventId: null, status: 'running', startedAt: new Date().toISOString() });
    t.temporal.cancel = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    expect((await t.send('DELETE', '/api/customers/carol')).status).toBe(503);
    expect(await getCustomer(t.db, 'carol')).toBeDefined();
  });

  it('suppresses a customer and lifts it', async () => {
    await seed();
    expect((await t.send('POST', '/api/customers/bob/suppress', { suppressed: true })).body.suppressed).toBe(true);
    expect((await getCustomer(t.db, 'bob'))?.suppressed).toBe(true);
    expect((await t.send('POST', '/api/customers/bob/suppress', { suppressed: false })).body.suppressed).toBe(false);
  });
});
