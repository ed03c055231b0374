import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';
import { STAGES_CONFIG, STAGES_HISTORY } from './stages/stagesFixture';

const H = 3_600_000; // one hour in ms
const D = 24 * H; // one day in ms

let t: TestApp;
beforeEach(async () => {
  t = testApp();
  expect((await t.send('PUT', '/api/lifecycle/stages', STAGES_CONFIG)).status).toBe(200);
  expect((await t.ingest('/v1/batch', { batch: STAGES_HISTORY })).status).toBe(200);
});
afterEach(async () => {
  await t.close();
});

const MARCH = 'from=2026-03-01&to=2026-03-31';

describe('stages analytics, worked by hand', () => {
  it('counts customers per stage now, with no stage yet counting as the first stage', async () => {
    const all = await t.send('GET', '/api/analytics/stages/current');
    // visitor: d; lead: p3, e; trial: b (moved back), c; customer: p1, p2; churned: a — 8 customers.
    expect(all.body.total).toBe(8);
    expect(all.body.stages.map((row: { stage: string; customers: number }) => [row.stage, row.customers])).toEqual([
      ['visitor', 1],
      ['lead', 2],
      ['trial', 2],
      ['customer', 2],
      ['churned', 1],
    ]);
    const ads = await t.send('GET', '/api/analytics/stages/current?channel=ads');
    // ads: p1 (customer), a (churned), b (trial) — 3 customers.
    expect(ads.body.stages.map((row: { customers: number }) => row.customers)).toEqual([0, 0, 1, 1, 1]);
    expect(ads.body.total).toBe(3);
  });

  it('counts customers per stage at the end of each month, from the backfilled history', async () => {
    const months = await t.send('GET', '/api/analytics/stages/over-time?from=2026-02-01&to=2026-03-31&interval=month');
    expect(months.status).toBe(200);
    // End of February: seen p1, p2, p3 (3 visitors) all moved to lead (−3); p1, p2 on to trial and customer → lead 1, customer 2.
    // End of March: 8 seen − 7 first changes = 1 visitor (d); lead p3, e; trial b, c; customer p1, p2; churned a.
    expect(months.body.periods).toEqual([
      { period: '2026-02-01', counts: { visitor: 0, lead: 1, trial: 0, customer: 2, churned: 0 } },
      { period: '2026-03-01', counts: { visitor: 1, lead: 2, trial: 2, customer: 2, churned: 1 } },
    ]);
    const csv = await t.send('GET', '/api/analytics/stages/over-time.csv?from=2026-02-01&to=2026-03-31&interval=month');
    expect(csv.text).toBe('period,visitor,lead,trial,customer,churned\r\n2026-02-01,0,1,0,2,0\r\n2026-03-01,1,2,2,2,1\r\n');
  });

  it('follows the funnel in stage order with median times, and names the step that fell most against the period before', async () => {
    const funnel = await t.send('GET', `/api/analytics/stages/funnel?${MARCH}`);
    expect(funnel.status).toBe(200);
    // Entered visitor (first seen) in March: a, b, c, d, e = 5. Lead after: a (+24 h), b (+12 h), c (+0), e (+24 h) = 4, median of
    // 0, 12, 24, 24 h = (12 + 24) / 2 = 18 h. Trial after: a (+2 d), b (+2 d), c (+3 d) = 3, median 2 d. Customer after: a (+4 d),
    // b (+1 d) = 2, median 2.5 d. Rates 4/5, 3/4, 2/3.
    // February (31 days before): p1, p2, p3 seen and lead at once (3, 3), trial p1, p2 (2), customer p1, p2 (2): rates 1, 2/3, 1.
    expect(funnel.body.steps).toEqual([
      {
        stage: 'visitor',
        customers: 5,
        rateFromPrevious: null,
        rateFromStart: 1,
        medianMsFromPrevious: null,
        previousCustomers: 3,
        previousRateFromPrevious: null,
        drop: null,
      },
      {
        stage: 'lead',
        customers: 4,
        rateFromPrevious: 0.8,
        rateFromStart: 0.8,
        medianMsFromPrevious: 18 * H,
        previousCustomers: 3,
        previousRateFromPrevious: 1,
        drop: expect.closeTo(0.2, 9),
      },
      {
        stage: 'trial',
        customers: 3,
        rateFromPrevious: 0.75,
        rateFromStart: 0.6,
        medianMsFromPrevious: 2 * D,
        previousCustomers: 2,
        previousRateFromPrevious: expect.closeTo(2 / 3, 9),
        drop: expect.closeTo(-1 / 12, 9),
      },
      {
        stage: 'customer',
        customers: 2,
        rateFromPrevious: expect.closeTo(2 / 3, 9),
        rateFromStart: 0.4,
        medianMsFromPrevious: 2.5 * D,
        previousCustomers: 2,
        previousRateFromPrevious: 1,
        drop: expect.closeTo(1 / 3, 9),
      },
    ]);
    // Drops: lead 1 − 0.8 = 0.2, trial −1/12, customer 1 − 2/3 = 1/3 → trial → customer is the weakest step.
    expect(funnel.body.weakestStep).toEqual({
      from: 'trial',
      to: 'customer',
      rate: expect.closeTo(2 / 3, 9),
      previousRate: 1,
      drop: expect.closeTo(1 / 3, 9),
    });
    expect(funnel.body.previousRange).toEqual({ from: '2026-01-29T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });

    // From lead to trial only, ads customers: a and b entered lead in March and both reached trial.
    const ads = await t.send('GET', `/api/analytics/stages/funnel?${MARCH}&start=lead&end=trial&channel=ads`);
    expect(ads.body.steps.map((step: { customers: number }) => step.customers)).toEqual([2, 2]);
  });

  it('refuses an unknown stage or a backwards funnel with 400 naming the field', async () => {
    const unknown = await t.send('GET', '/api/analytics/stages/funnel?start=nope');
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ path: 'start', message: expect.stringContaining('unknown stage `nope`') }]);
    const backwards = await t.send('GET', '/api/analytics/stages/funnel?start=trial&end=lead');
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues[0].path).toBe('end');
  });

  it('tables the transitions, including moves back and into churn', async () => {
    const moves = await t.send('GET', `/api/analytics/stages/transitions?${MARCH}`);
    // March: first stage lead a, b, c, e (4); lead → trial a, b, c (3); trial → customer a, b (2); out of customer: a to churned,
    // b back to trial (1 each, half of customer's 2 moves).
    expect(moves.body.transitions).toEqual([
      { from: null, to: 'lead', kind: 'first', moves: 4, shareOfFrom: 1 },
      { from: 'lead', to: 'trial', kind: 'forward', moves: 3, shareOfFrom: 1 },
      { from: 'trial', to: 'customer', kind: 'forward', moves: 2, shareOfFrom: 1 },
      { from: 'customer', to: 'churned', kind: 'churn', moves: 1, shareOfFrom: 0.5 },
      { from: 'customer', to: 'trial', kind: 'back', moves: 1, shareOfFrom: 0.5 },
    ]);
    // Channel news: only c (first stage lead, then trial).
    const news = await t.send('GET', `/api/analytics/stages/transitions?${MARCH}&channel=news`);
    expect(news.body.transitions.map((row: { from: string | null; to: string; moves: number }) => [row.from, row.to, row.moves])).toEqual([
      [null, 'lead', 1],
      ['lead', 'trial', 1],
    ]);
    // Deleting a customer takes their moves out of the rollup: without b, customer → trial and one of each forward move go.
    expect((await t.send('DELETE', '/api/customers/b')).status).toBe(200);
    const after = await t.send('GET', `/api/analytics/stages/transitions?${MARCH}`);
    expect(after.body.transitions.map((row: { from: string | null; to: string; moves: number }) => [row.from, row.to, row.moves])).toEqual([
      [null, 'lead', 3],
      ['lead', 'trial', 2],
      ['customer', 'churned', 1],
      ['trial', 'customer', 1],
    ]);
  });

  it('measures time in stage: stays that ended in the range and the ones still going on at its end', async () => {
    const times = await t.send('GET', `/api/analytics/stages/time-in-stage?${MARCH}`);
    expect(times.body.asOf).toBe('2026-04-01T00:00:00.000Z');
    const byStage = Object.fromEntries(times.body.stages.map((row: { stage: string }) => [row.stage, row]));
    // Quantiles interpolate linearly between ranks: p90 of sorted x = x[i] + f·(x[i+1] − x[i]) with i + f = 0.9·(n − 1).
    // Lead stays ended in March: a 2 d, b 2 d, c 3 d → median 2 d, p90 at rank 1.8: 2 + 0.8·1 = 2.8 d = 241,920,000 ms.
    // Still lead on 04-01: p3 since 02-15 (45 d), e since 03-20 (12 d) → median 28.5 d, p90 12 + 0.9·33 = 41.7 d = 3,602,880,000 ms.
    expect(byStage.lead).toEqual({
      stage: 'lead',
      finished: { count: 3, medianMs: 2 * D, p90Ms: 241_920_000 },
      current: { count: 2, medianMs: 28.5 * D, p90Ms: 3_602_880_000 },
    });
    // Trial ended: a 4 d, b 1 d → median 2.5 d, p90 1 + 0.9·3 = 3.7 d = 319,680,000 ms.
    // Current: b since 03-16T12 (15.5 d), c since 03-13 (19 d) → median 17.25 d, p90 15.5 + 0.9·3.5 = 18.65 d = 1,611,360,000 ms.
    expect(byStage.trial).toEqual({
      stage: 'trial',
      finished: { count: 2, medianMs: 2.5 * D, p90Ms: 319_680_000 },
      current: { count: 2, medianMs: 17.25 * D, p90Ms: 1_611_360_000 },
    });
    // Customer ended: a 12 d, b 10 d → median 11 d, p90 10 + 0.9·2 = 11.8 d = 1,019,520,000 ms.
    // Current: p1 since 02-05 (24 + 31 = 55 d), p2 since 02-12 (17 + 31 = 48 d) → median 51.5 d, p90 48 + 0.9·7 = 54.3 d = 4,691,520,000 ms.
    expect(byStage.customer).toEqual({
      stage: 'customer',
      finished: { count: 2, medianMs: 11 * D, p90Ms: 1_019_520_000 },
      current: { count: 2, medianMs: 51.5 * D, p90Ms: 4_691_520_000 },
    });
    expect(byStage.churned).toEqual({
      stage: 'churned',
      finished: { count: 0, medianMs: null, p90Ms: null },
      current: { count: 1, medianMs: 12 * D, p90Ms: 12 * D },
    });
    const csv = await t.send('GET', `/api/analytics/stages/time-in-stage.csv?${MARCH}`);
    expect(csv.text.split('\r\n')[2]).toBe('lead,3,172800000,241920000,2,2462400000,3602880000');
  });
});
