import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const RANGE = 'from=2026-01-01&to=2026-04-30&interval=month';

describe('an anonymous visitor who identifies as a known customer', () => {
  it('counts as that one customer: revenue adds up, first seen and first touch are the earliest, one cohort member', async () => {
    // Kim is known first: identified from the newsletter on 10 March, bought for 20 the same day.
    await t.ingest('/v1/batch', {
      batch: [
        { type: 'identify', userId: 'kim', traits: { email: 'kim@example.com', utm_source: 'newsletter' }, timestamp: '2026-03-10T09:00:00.000Z', messageId: 'm1' },
        { type: 'track', userId: 'kim', event: 'purchase', properties: { revenue: 20 }, timestamp: '2026-03-10T10:00:00.000Z', messageId: 'm2' },
      ],
    });
    // Earlier, on another device, an anonymous visitor came from Google (3 Feb) and bought for 30 (5 Feb).
    await t.ingest('/v1/batch', {
      batch: [
        { type: 'page', anonymousId: 'v1', name: 'Home', properties: { utm_source: 'google' }, timestamp: '2026-02-03T08:00:00.000Z', messageId: 'm3' },
        { type: 'track', anonymousId: 'v1', event: 'purchase', properties: { revenue: 30 }, timestamp: '2026-02-05T08:00:00.000Z', messageId: 'm4' },
      ],
    });
    // On 12 March the visitor logs in as Kim: the anonymous id merges into Kim.
    const merged = await t.ingest('/v1/batch', { batch: [{ type: 'identify', userId: 'kim', anonymousId: 'v1', timestamp: '2026-03-12T08:00:00.000Z', messageId: 'm5' }] });
    expect(merged.status).toBe(200);

    // CLV: 30 + 20 = 50 over 2 orders, first purchase the anonymous one.
    expect((await t.send('GET', '/api/customers/kim/value')).body).toMatchObject({ revenue: 50, orders: 2, firstPurchaseAt: '2026-02-05T08:00:00.000Z' });
    // First touch: Google (3 Feb) is earlier than the newsletter (10 March); one customer in the channel list.
    expect((await t.send('GET', '/api/analytics/channels')).body.channels).toEqual([{ channel: 'google', customers: 1 }]);
    const byChannel = await t.send('GET', `/api/analytics/value/clv?${RANGE}&by=channel`);
    expect(byChannel.body.groups).toEqual([{ group: 'google', customers: 1, revenue: 50, averageClv: 50 }]);
    // First seen 3 Feb: one February cohort of one customer, active in February and March (not a second cohort).
    const byCohort = await t.send('GET', `/api/analytics/value/clv?${RANGE}&by=cohort`);
    expect(byCohort.body.groups).toEqual([{ group: '2026-02', customers: 1, revenue: 50, averageClv: 50 }]);
    const matrix = await t.send('GET', `/api/analytics/retention/cohorts?${RANGE}`);
    const rows = matrix.body.cohorts as { cohort: string; customers: number; cells: { rate: number | null }[] }[];
    expect(rows.map((row) => [row.cohort, row.customers, row.cells.map((cell) => cell.rate)])).toEqual([['2026-02-01', 1, [1, 1, 0]]]);
    // The anonymous id is now only another name of Kim's.
    expect((await t.send('GET', '/api/customers?q=anon')).body.customers.map((c: { id: string }) => c.id)).toEqual(['kim']);
  });
});
