import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';
import { HALF_YEAR, ingestValueHistory, SPEND_CSV } from './valueTestData';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
  await ingestValueHistory(t);
});
afterEach(async () => {
  await t.close();
});

const upload = (csv: string, headers: Record<string, string> = {}) => t.send('POST', '/api/analytics/acquisition/spend/import', csv, { 'content-type': 'text/csv', ...headers });

describe('acquisition spend', () => {
  it('is entered, listed, replaced and removed through the API', async () => {
    expect((await t.send('PUT', '/api/analytics/acquisition/spend', { month: '2026-01', channel: 'google', amount: 250 })).body).toEqual({ month: '2026-01', channel: 'google', amount: 250, currency: 'USD' });
    await t.send('PUT', '/api/analytics/acquisition/spend', { month: '2026-01', channel: 'google', amount: 300 });
    expect((await t.send('GET', '/api/analytics/acquisition/spend')).body.spend).toMatchObject([{ month: '2026-01', channel: 'google', amount: 300, currency: 'USD' }]);
    expect((await t.send('DELETE', '/api/analytics/acquisition/spend?month=2026-01&channel=google')).status).toBe(204);
    expect((await t.send('DELETE', '/api/analytics/acquisition/spend?month=2026-01&channel=google')).status).toBe(404);
    const bad = await t.send('PUT', '/api/analytics/acquisition/spend', { month: '2026-13', channel: '', amount: -1 });
    expect(bad.status).toBe(400);
    expect((bad.body.issues as { path: string }[]).map((issue) => issue.path)).toEqual(expect.arrayContaining(['month', 'channel', 'amount']));
  });

  it('refuses a CSV with any bad row, naming line and column, and stores none of it', async () => {
    const refused = await upload('month,channel,amount,currency\n2026-01,google,300,USD\n2026-02,facebook,lots,USD\n2026-02,,10,usd\n');
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('nothing was stored — line 3, column amount');
    expect(refused.body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, column: 'amount' }),
        expect.objectContaining({ line: 4, column: 'channel' }),
        expect.objectContaining({ line: 4, column: 'currency' }),
      ]),
    );
    expect((await t.send('GET', '/api/analytics/acquisition/spend')).body.spend).toEqual([]);
    expect((await upload('when,where,how much\n2026-01,google,1\n')).body.issues).toEqual([expect.objectContaining({ line: 1, column: 'header' })]);
    expect((await upload('month,channel,amount\n2026-01,google,1\n2026-01,google,2\n')).body.issues).toEqual([expect.objectContaining({ line: 3, column: 'channel' })]);
    expect((await upload(`month,channel,amount\n${'2026-01,x,1\n'.repeat(60_000)}`)).status).toBe(413);
    const viewer = await t.accounts.token('viewer');
    expect((await upload('month,channel,amount\n2026-01,google,1\n', { authorization: `Bearer ${viewer}` })).status).toBe(403);
  });
});

describe('CAC, CLV:CAC and payback', () => {
  it('divides spend by the customers each channel acquired, and weighs them against predicted CLV', async () => {
    const stored = await upload(SPEND_CSV);
    expect(stored.body).toEqual({ stored: 5 });

    const byMonth = await t.send('GET', `/api/analytics/acquisition/cac-by-month?${HALF_YEAR}`);
    expect(byMonth.body.rows).toEqual([
      { month: '2026-01', channel: 'google', spend: 300, customers: 2, cac: 150 }, // ada, bob first seen in January: 300 / 2
      { month: '2026-02', channel: 'facebook', spend: 160, customers: 1, cac: 160 }, // cyd
      { month: '2026-02', channel: 'google', spend: 100, customers: 0, cac: null }, // nobody acquired: no CAC
      { month: '2026-03', channel: 'facebook', spend: 125, customers: 1, cac: 125 }, // dee; 100 GBP × 1.25
    ]);

    const cac = await t.send('GET', `/api/analytics/acquisition/cac?${HALF_YEAR}&months=6`);
    expect(cac.status).toBe(200);
    expect(cac.body.churnRate).toBeCloseTo(7 / 60, 6); // as in value.test.ts: (0.25 + 1/3) / 5 months with customers
    expect(cac.body.unconvertedSpend).toEqual([{ currency: 'EUR', amount: 50 }]);
    const [google, facebook] = cac.body.channels as Record<string, number | string>[];
    // google: spend 300 + 100 = 400, 2 customers: CAC 200. Monthly ARPU of ada+bob: (100/2 + 200/2 + 50/2 + 0 + 0 + 0) / 6 = 175/6.
    // CLV = 175/6 × 0.5 ÷ 7/60 = 125; CLV:CAC = 125 / 200 = 0.625; payback = 200 ÷ (175/6 × 0.5) = 2400/175 = 13.714 months.
    expect(google).toMatchObject({ channel: 'google', spend: 400, customers: 2, cac: 200 });
    expect(google?.arpuPerMonth).toBeCloseTo(175 / 6, 6);
    expect(google?.predictedClv).toBeCloseTo(125, 6);
    expect(google?.clvToCac).toBeCloseTo(0.625, 6);
    expect(google?.paybackMonths).toBeCloseTo(13.714286, 5);
    // facebook: 160 + 125 = 285, 2 customers: CAC 142.5. ARPU: Feb 80/1, Mar 0/2, Apr 0/2, May 50/2, Jun 0/2 (Jan: no customers) = 105/5 = 21.
    // CLV = 21 × 0.5 ÷ 7/60 = 90; CLV:CAC = 90 / 142.5 = 0.631579; payback = 142.5 ÷ 10.5 = 13.571 months.
    expect(facebook).toMatchObject({ channel: 'facebook', spend: 285, customers: 2, cac: 142.5 });
    expect(facebook?.arpuPerMonth).toBeCloseTo(21, 6);
    expect(facebook?.predictedClv).toBeCloseTo(90, 6);
    expect(facebook?.clvToCac).toBeCloseTo(0.631579, 5);
    expect(facebook?.paybackMonths).toBeCloseTo(13.571429, 5);

    const csv = await t.send('GET', `/api/analytics/acquisition/cac.csv?${HALF_YEAR}&months=6`);
    expect(csv.text.split('\r\n')[0]).toBe('channel,spend_USD,customers_acquired,cac,arpu_per_month,predicted_clv,clv_to_cac,payback_months');
  });
});
