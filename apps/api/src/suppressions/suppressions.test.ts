import { findCustomer, listAuditEntries, upsertCustomer } from '@lifecycle/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
  await upsertCustomer(t.db, 'ada', { email: 'ada@example.com' });
});
afterEach(async () => {
  await t.close();
});

const add = (address: string, reason = 'asked by support') => t.send('POST', '/api/suppressions', { address, reason });

describe('the suppression list API', () => {
  it('adds by hand (a second time is a 409 naming the reason), flags the customer, and audits it', async () => {
    const added = await add('ADA@example.com', 'asked to never be emailed');
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ address: 'ada@example.com', source: 'admin', reason: 'asked to never be emailed', removedAt: null });
    expect(added.body.createdBy).toMatch(/^token /);
    expect((await findCustomer(t.db, 'ada'))?.suppressed).toBe(true);
    const again = await add('ada@example.com');
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('asked to never be emailed');
    expect((await add('not an address')).body.issues).toEqual([expect.objectContaining({ path: 'address' })]);
    expect((await listAuditEntries(t.db, 10)).map((entry) => entry.action)).toContain('suppression.add');
  });

  it('lists newest first, searches by address, and pages with a cursor', async () => {
    for (const name of ['ann', 'bea', 'cat', 'dee', 'eve']) await add(`${name}@shop.example`);
    await add('zed@other.example');
    const first = await t.send('GET', '/api/suppressions?q=SHOP.example&limit=2');
    expect(first.body.total).toBe(5);
    expect(first.body.suppressions.map((s: { address: string }) => s.address)).toEqual(['eve@shop.example', 'dee@shop.example']);
    const second = await t.send('GET', `/api/suppressions?q=shop.example&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.suppressions.map((s: { address: string }) => s.address)).toEqual(['cat@shop.example', 'bea@shop.example']);
    const last = await t.send('GET', `/api/suppressions?q=shop.example&limit=2&cursor=${second.body.nextCursor}`);
    expect(last.body).toMatchObject({ nextCursor: null, suppressions: [{ address: 'ann@shop.example' }] });
    expect((await t.send('GET', '/api/suppressions?q=%25')).body.total).toBe(0);
    expect((await t.send('GET', '/api/suppressions?limit=0')).status).toBe(400);
  });

  it('removes (who and when recorded, the customer mailable again), and shows removed ones on request', async () => {
    const { body: added } = await add('ada@example.com');
    const removed = await t.send('DELETE', `/api/suppressions/${added.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ id: added.id, removedAt: expect.any(String), removedBy: expect.stringMatching(/^token /) });
    expect((await findCustomer(t.db, 'ada'))?.suppressed).toBe(false);
    expect((await t.send('DELETE', `/api/suppressions/${added.id}`)).status).toBe(409);
    expect((await t.send('DELETE', '/api/suppressions/sup_nothing')).status).toBe(404);
    expect((await t.send('GET', '/api/suppressions')).body.total).toBe(0);
    expect((await t.send('GET', '/api/suppressions?status=all')).body.suppressions).toEqual([removed.body]);
    expect((await t.send('GET', '/api/suppressions/lookup?address=Ada@Example.com')).body).toEqual({ suppression: null, softFailures: 0 });
    expect((await listAuditEntries(t.db, 10)).find((entry) => entry.action === 'suppression.remove')).toMatchObject({ targetId: added.id });
    // Suppressed again later: a new active row beside the removed one.
    expect((await add('ada@example.com', 'bounced again')).status).toBe(201);
    expect((await t.send('GET', '/api/suppressions/lookup?address=ada@example.com')).body.suppression).toMatchObject({ reason: 'bounced again' });
  });

  it('reads and sets the soft-failure threshold (admins only), refusing nonsense naming the field', async () => {
    expect((await t.send('GET', '/api/suppressions/settings')).body).toEqual({ softBounceThreshold: 3 });
    expect((await t.send('PUT', '/api/suppressions/settings', { softBounceThreshold: 5 })).body).toEqual({ softBounceThreshold: 5 });
    expect((await t.send('GET', '/api/suppressions/settings')).body).toEqual({ softBounceThreshold: 5 });
    const zero = await t.send('PUT', '/api/suppressions/settings', { softBounceThreshold: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.issues).toEqual([expect.objectContaining({ path: 'softBounceThreshold' })]);
    const viewer = await t.sendAs('PUT', '/api/suppressions/settings', { softBounceThreshold: 2 }, await t.accounts.session('viewer'));
    expect(viewer.status).toBe(403);
  });
});
