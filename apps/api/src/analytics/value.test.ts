import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';
import { HALF_YEAR, ingestValueHistory } from './valueTestData';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
  await ingestValueHistory(t);
});
afterEach(async () => {
  await t.close();
});

describe('revenue', () => {
  it('counts each purchase in its own month, converts GBP by the rate and reports EUR apart', async () => {
    const answer = await t.send('GET', `/api/analytics/value/revenue?${HALF_YEAR}`);
    expect(answer.status).toBe(200);
    expect(answer.body.baseCurrency).toBe('USD');
    expect(answer.body.periods).toEqual([
      { period: '2026-01-01', revenue: 100, orders: 1, payingCustomers: 1 }, // ada 100
      { period: '2026-02-01', revenue: 280, orders: 2, payingCustomers: 2 }, // bob 200 + cyd 80
      { period: '2026-03-01', revenue: 50, orders: 1, payingCustomers: 1 }, // ada 50 (dee's 30 EUR is not added)
      { period: '2026-05-01', revenue: 50, orders: 1, payingCustomers: 1 }, // cyd 40 GBP × 1.25
    ]);
    // 100 + 280 + 50 + 50 = 480 over 5 orders by ada, bob, cyd; 5 customers seen by June's end: ARPU 480 / 5 = 96.
    expect(answer.body.totals).toEqual({ revenue: 480, orders: 5, payingCustomers: 3, customers: 5, arpu: 96 });
    expect(answer.body.unconverted).toEqual([{ currency: 'EUR', amount: 30, orders: 1 }]);
    const csv = await t.send('GET', `/api/analytics/value/revenue.csv?${HALF_YEAR}`);
    expect(csv.text).toContain('period,revenue_USD,orders,paying_customers\r\n2026-01-01,100,1,1\r\n');
  });

  it('honours the channel filter', async () => {
    const answer = await t.send('GET', `/api/analytics/value/revenue?${HALF_YEAR}&channel=facebook`);
    // cyd 80 (Feb) + 50 (May); 2 facebook customers: ARPU 130 / 2 = 65.
    expect(answer.body.totals).toEqual({ revenue: 130, orders: 2, payingCustomers: 1, customers: 2, arpu: 65 });
  });
});

describe('historical CLV', () => {
  it('averages revenue to date per cohort, channel and stage (customers without revenue count as 0)', async () => {
    const cohorts = await t.send('GET', `/api/analytics/value/clv?${HALF_YEAR}&by=cohort`);
    expect(cohorts.body.groups).toEqual([
      { group: '2026-01', customers: 2, revenue: 350, averageClv: 175 }, // ada 150 + bob 200 = 350 / 2
      { group: '2026-02', customers: 1, revenue: 130, averageClv: 130 }, // cyd 80 + 50
      { group: '2026-03', customers: 1, revenue: 0, averageClv: 0 }, // dee: EUR only
      { group: '2026-04', customers: 1, revenue: 0, averageClv: 0 }, // eve
    ]);
    const channels = await t.send('GET', `/api/analytics/value/clv?${HALF_YEAR}&by=channel`);
    expect(channels.body.groups).toEqual([
      { group: 'google', customers: 2, revenue: 350, averageClv: 175 },
      { group: 'facebook', customers: 2, revenue: 130, averageClv: 65 },
      { group: '(none)', customers: 1, revenue: 0, averageClv: 0 },
    ]);
    const stages = await t.send('GET', `/api/analytics/value/clv?${HALF_YEAR}&by=stage`);
    expect(stages.body.groups).toEqual([
      { group: '(none)', customers: 1, revenue: 0, averageClv: 0 }, // eve
      { group: 'churned', customers: 2, revenue: 200, averageClv: 100 }, // bob 200 + dee 0
      { group: 'retention', customers: 2, revenue: 280, averageClv: 140 }, // ada 150 + cyd 130
    ]);
  });

  it("gives a customer's value on their own endpoint", async () => {
    expect((await t.send('GET', '/api/customers/ada/value')).body).toEqual({
      baseCurrency: 'USD', customerId: 'ada', revenue: 150, orders: 2, firstPurchaseAt: '2026-01-10T12:00:00.000Z', lastPurchaseAt: '2026-03-15T12:00:00.000Z', unconverted: [],
    });
    expect((await t.send('GET', '/api/customers/dee/value')).body).toMatchObject({ revenue: 0, orders: 0, unconverted: [{ currency: 'EUR', amount: 30, orders: 1 }] });
    expect((await t.send('GET', '/api/customers/nobody/value')).status).toBe(404);
  });

  it('lists customers by CLV, highest first, page by page', async () => {
    const first = await t.send('GET', '/api/customers?sort=clv&limit=2');
    expect(first.body.customers.map((c: { id: string; clv: number }) => [c.id, c.clv])).toEqual([['bob', 200], ['ada', 150]]);
    const second = await t.send('GET', `/api/customers?sort=clv&limit=2&cursor=${encodeURIComponent(first.body.nextCursor as string)}`);
    expect(second.body.customers.map((c: { id: string; clv: number }) => [c.id, c.clv])).toEqual([['cyd', 130], ['dee', 0]]);
    const third = await t.send('GET', `/api/customers?sort=clv&limit=2&cursor=${encodeURIComponent(second.body.nextCursor as string)}`);
    expect(third.body.customers.map((c: { id: string }) => c.id)).toEqual(['eve']);
    expect((await t.send('GET', '/api/customers?limit=1')).body.customers[0]).toMatchObject({ id: 'ada', clv: 150 });
  });
});

describe('predicted CLV', () => {
  it('is monthly ARPU × margin ÷ monthly churn, with its inputs', async () => {
    const answer = await t.send('GET', `/api/analytics/value/predicted?${HALF_YEAR}&months=6`);
    expect(answer.status).toBe(200);
    expect(answer.body.months).toEqual([
      // customers at the month's start (retention/advocacy/at_risk), churned during it; revenue ÷ customers seen by its end
      { month: '2026-01-01', startCustomers: 0, churned: 0, churnRate: null, revenue: 100, customers: 2, arpu: 50 },
      { month: '2026-02-01', startCustomers: 1, churned: 0, churnRate: 0, revenue: 280, customers: 3, arpu: 280 / 3 }, // ada
      { month: '2026-03-01', startCustomers: 3, churned: 0, churnRate: 0, revenue: 50, customers: 4, arpu: 12.5 }, // ada bob cyd
      { month: '2026-04-01', startCustomers: 4, churned: 1, churnRate: 0.25, revenue: 0, customers: 5, arpu: 0 }, // + dee; bob churns
      { month: '2026-05-01', startCustomers: 3, churned: 1, churnRate: 1 / 3, revenue: 50, customers: 5, arpu: 10 }, // dee churns
      { month: '2026-06-01', startCustomers: 2, churned: 0, churnRate: 0, revenue: 0, customers: 5, arpu: 0 },
    ]);
    // ARPU: (50 + 93.33 + 12.5 + 0 + 10 + 0) / 6 = 995/36 = 27.6389; churn: (0 + 0 + 0.25 + 0.3333 + 0) / 5 = 7/60 = 0.11667
    expect(answer.body.arpuPerMonth).toBeCloseTo(27.638889, 5);
    expect(answer.body.churnRate).toBeCloseTo(0.116667, 5);
    expect(answer.body.margin).toBe(0.5);
    // 995/36 × 0.5 ÷ 7/60 = 59700/504 = 118.452381
    expect(answer.body.predictedClv).toBeCloseTo(118.452381, 5);
  });

  it('says not computable (null) when nobody churned', async () => {
    // Feb–Mar: customers at the starts, no churn.
    const answer = await t.send('GET', '/api/analytics/value/predicted?from=2026-02-01&to=2026-03-31&months=2');
    expect(answer.body.churnRate).toBe(0);
    expect(answer.body.predictedClv).toBeNull();
  });
});
