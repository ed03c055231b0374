import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';
import { RETENTION_HISTORY, RETENTION_STAGES } from './retention/retentionFixture';

// The history (six customers, Jan–Apr 2026; its full table is in retentionFixture.ts), in short:
//   active months: A Jan Feb Mar · B Jan Mar · C Feb Mar · D Feb Apr · E Mar Apr · F Jan
//   stage `retention` (a customer stage): A from 01-10, C 02-02 → `churned` 03-20, E from 03-01 10:00, B from 03-15

const RANGE = 'from=2026-01-01&to=2026-04-30&interval=month';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
  const stages = await t.send('PUT', '/api/lifecycle/stages', RETENTION_STAGES);
  expect(stages.status).toBe(200);
  expect((await t.ingest('/v1/batch', { batch: RETENTION_HISTORY })).status).toBe(200);
});
afterEach(async () => {
  await t.close();
});

const percentOf = (cells: { rate: number | null }[]) => cells.map((cell) => (cell.rate === null ? null : Math.round(cell.rate * 10000) / 100));

describe('cohort matrix', () => {
  it('groups customers by first-seen month and shows the share active in each month since', async () => {
    const matrix = await t.send('GET', `/api/analytics/retention/cohorts?${RANGE}`);
    expect(matrix.status).toBe(200);
    const rows = matrix.body.cohorts as { cohort: string; customers: number; cells: { rate: number | null }[] }[];
    expect(rows.map((row) => [row.cohort, row.customers])).toEqual([
      ['2026-01-01', 3], // A, B, F
      ['2026-02-01', 2], // C, D
      ['2026-03-01', 1], // E
    ]);
    // Jan: Jan {A,B,F} 3/3, Feb {A} 1/3, Mar {A,B} 2/3, Apr {} 0/3
    expect(percentOf(rows[0]?.cells ?? [])).toEqual([100, 33.33, 66.67, 0]);
    // Feb: Feb {C,D} 2/2, Mar {C} 1/2, Apr {D} 1/2
    expect(percentOf(rows[1]?.cells ?? [])).toEqual([100, 50, 50]);
    // Mar: Mar {E} 1/1, Apr {E} 1/1
    expect(percentOf(rows[2]?.cells ?? [])).toEqual([100, 100]);
    // Average, weighted over the cohorts that reached each month: 0: 6/6; 1: (1+1+1)/6; 2: (2+1)/(3+2); 3: 0/3
    expect(percentOf(matrix.body.average)).toEqual([100, 50, 60, 0]);
    expect(matrix.body.average.map((cell: { customers: number }) => cell.customers)).toEqual([6, 6, 5, 3]);
  });

  it('reads day cohorts and the daily growth lens from the active days', async () => {
    const matrix = await t.send('GET', '/api/analytics/retention/cohorts?from=2026-01-05&to=2026-01-10&interval=day');
    // Only A was first seen 01-05..01-10 (01-05); A was active on 01-05 and 01-10: days 0 and 5.
    expect(matrix.body.cohorts.map((row: { cohort: string; cells: { rate: number | null }[] }) => [row.cohort, percentOf(row.cells)])).toEqual([['2026-01-05', [100, 0, 0, 0, 0, 100]]]);
    const growth = await t.send('GET', '/api/analytics/retention/growth?from=2026-01-05&to=2026-01-06&interval=day');
    // 01-05: A new; 01-06: A dormant.
    expect(growth.body.periods).toEqual([
      { period: '2026-01-05', active: 1, new: 1, returning: 0, resurrecting: 0, dormant: 0 },
      { period: '2026-01-06', active: 0, new: 0, returning: 0, resurrecting: 0, dormant: 1 },
    ]);
  });

  it('groups by the first time a chosen event happened', async () => {
    const matrix = await t.send('GET', `/api/analytics/retention/cohorts?${RANGE}&cohortBy=event&event=purchase`);
    const rows = matrix.body.cohorts as { cohort: string; customers: number; cells: { rate: number | null }[] }[];
    // First purchase: A Jan, C Feb, E and B Mar.
    expect(rows.map((row) => [row.cohort, row.customers])).toEqual([['2026-01-01', 1], ['2026-02-01', 1], ['2026-03-01', 2]]);
    expect(percentOf(rows[0]?.cells ?? [])).toEqual([100, 100, 100, 0]); // A: Jan Feb Mar
    expect(percentOf(rows[1]?.cells ?? [])).toEqual([100, 100, 0]); // C: Feb Mar
    expect(percentOf(rows[2]?.cells ?? [])).toEqual([100, 50]); // Mar {B,E} 2/2, Apr {E} 1/2
    const events = await t.send('GET', '/api/analytics/retention/cohort-events');
    expect(events.body.events).toEqual(expect.arrayContaining([{ event: 'purchase', customers: 4 }, { event: 'login', customers: 5 }]));
  });

  it('honours the channel filter and exports the matrix as CSV', async () => {
    const matrix = await t.send('GET', `/api/analytics/retention/cohorts?${RANGE}&channel=ads`);
    const rows = matrix.body.cohorts as { cohort: string; customers: number; cells: { rate: number | null }[] }[];
    // Only A (Jan) and C (Feb) came through ads.
    expect(rows.map((row) => [row.cohort, row.customers, percentOf(row.cells)])).toEqual([
      ['2026-01-01', 1, [100, 100, 100, 0]],
      ['2026-02-01', 1, [100, 100, 0]],
    ]);
    const csv = await t.send('GET', `/api/analytics/retention/cohorts.csv?${RANGE}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n').slice(0, 5)).toEqual([
      'cohort,customers,month 0 %,month 1 %,month 2 %,month 3 %',
      '2026-01-01,3,100,33.33,66.67,0',
      '2026-02-01,2,100,50,50,',
      '2026-03-01,1,100,100,,',
      'average (weighted),,100,50,60,0',
    ]);
  });

  it('moves a customer to an earlier cohort when older history arrives later', async () => {
    await t.ingest('/v1/track', { userId: 'E', event: 'login', timestamp: '2026-01-15T09:00:00Z' });
    const matrix = await t.send('GET', `/api/analytics/retention/cohorts?${RANGE}`);
    // E is now first seen in January: Jan cohort {A,B,F,E} = 4; Mar cohort gone. Jan row: Jan {A,B,F,E} 4/4,
    // Feb {A} 1/4, Mar {A,B,E} 3/4, Apr {E} 1/4.
    const rows = matrix.body.cohorts as { cohort: string; customers: number; cells: { rate: number | null }[] }[];
    expect(rows.map((row) => [row.cohort, row.customers])).toEqual([['2026-01-01', 4], ['2026-02-01', 2]]);
    expect(percentOf(rows[0]?.cells ?? [])).toEqual([100, 25, 75, 25]);

    // E is active Jan, Mar, Apr now: Jan new {A,B,F,E}; Feb dormant {B,F,E}; in Mar E comes back (resurrecting, with B).
    const growth = await t.send('GET', `/api/analytics/retention/growth?${RANGE}`);
    const expected = [
      { period: '2026-01-01', active: 4, new: 4, returning: 0, resurrecting: 0, dormant: 0 },
      { period: '2026-02-01', active: 3, new: 2, returning: 1, resurrecting: 0, dormant: 3 },
      { period: '2026-03-01', active: 4, new: 0, returning: 2, resurrecting: 2, dormant: 1 },
      { period: '2026-04-01', active: 2, new: 0, returning: 1, resurrecting: 1, dormant: 3 },
    ];
    expect(growth.body.periods).toEqual(expected);

    // Counting every event name but the page view changes no active month (A bought on 01-10): the counters rebuilt
    // from the stored events agree with the ones kept event by event.
    const settings = (await t.send('GET', '/api/analytics/settings')).body;
    await t.send('PUT', '/api/analytics/settings', { ...settings, activityEvents: ['login', 'purchase', 'cancel'] });
    expect((await t.send('GET', `/api/analytics/retention/growth?${RANGE}`)).body.periods).toEqual(expected);
    expect((await t.send('GET', `/api/analytics/retention/cohorts?${RANGE}`)).body).toEqual(matrix.body);
  });

  it('counts only the configured activity events, for all history, once an admin changes them', async () => {
    const settings = (await t.send('GET', '/api/analytics/settings')).body;
    expect((await t.send('PUT', '/api/analytics/settings', { ...settings, activityEvents: ['login'] })).status).toBe(200);
    const matrix = await t.send('GET', `/api/analytics/retention/cohorts?${RANGE}`);
    const rows = matrix.body.cohorts as { cohort: string; customers: number; cells: { rate: number | null }[] }[];
    // Logins only: A Feb Mar; B Jan; F Jan. Jan cohort (3): Jan {B,F} 2/3, Feb {A} 1/3, Mar {A} 1/3, Apr 0.
    expect(percentOf(rows[0]?.cells ?? [])).toEqual([66.67, 33.33, 33.33, 0]);
    // Feb cohort {C,D}: C never logs in. Feb {D} 1/2, Mar 0, Apr {D} 1/2.
    expect(percentOf(rows[1]?.cells ?? [])).toEqual([50, 0, 50]);
  });

  it('names the missing or bad field', async () => {
    const missing = await t.send('GET', `/api/analytics/retention/cohorts?${RANGE}&cohortBy=event`);
    expect(missing.status).toBe(400);
    expect((missing.body.issues as { path: string }[]).map((issue) => issue.path)).toContain('event');
    const interval = await t.send('GET', '/api/analytics/retention/growth?interval=year');
    expect(interval.status).toBe(400);
    expect((interval.body.issues as { path: string }[]).map((issue) => issue.path)).toContain('interval');
  });
});

describe('customer retention rate and churn', () => {
  it('computes CRR = (E − N) ÷ S from stage history', async () => {
    const crr = await t.send('GET', `/api/analytics/retention/crr?${RANGE}`);
    expect(crr.status).toBe(200);
    // Customers (stage retention) at each month start: Jan 1 {}, Feb 1 {A}, Mar 1 {A,C} (E joins at 10:00), Apr 1 {A,E,B}, May 1 {A,E,B}.
    expect(crr.body.periods).toEqual([
      { period: '2026-01-01', start: 0, end: 1, new: 1, retained: 0, crr: null }, // S = 0: no rate
      { period: '2026-02-01', start: 1, end: 2, new: 1, retained: 1, crr: 1 }, // (2 − 1) / 1
      { period: '2026-03-01', start: 2, end: 3, new: 2, retained: 1, crr: 0.5 }, // (3 − 2) / 2: C churned, B and E new
      { period: '2026-04-01', start: 3, end: 3, new: 0, retained: 3, crr: 1 }, // (3 − 0) / 3
    ]);
  });

  it('counts moves into a churn stage over the customers at the start', async () => {
    const churn = await t.send('GET', `/api/analytics/retention/churn?${RANGE}`);
    expect(churn.body.periods.map((row: { churned: number; churnRate: number | null }) => [row.churned, row.churnRate])).toEqual([
      [0, null],
      [0, 0],
      [1, 0.5], // C (a customer on Mar 1) moved to churned on Mar 20: 1 / 2
      [0, 0],
    ]);
  });

  it('adds customers whose inactivity reached the configured days', async () => {
    const settings = (await t.send('GET', '/api/analytics/settings')).body;
    await t.send('PUT', '/api/analytics/settings', { ...settings, churnInactivityDays: 30 });
    const churn = await t.send('GET', `/api/analytics/retention/churn?${RANGE}`);
    // Last active day + 30 with no activity between: A 03-02 → 04-01; B 01-20 → 02-19, 03-15 → 04-14; C 02-02 → 03-04,
    // 03-20 → 04-19; D 02-10 → 03-12; E 03-01 → 03-31; F 01-25 → 02-24. Only customers at the month start count:
    // Feb {A}: none of B, F. Mar {A,C}: C (also by stage). Apr {A,B,E}: A, B (C had churned).
    expect(churn.body.periods.map((row: { churnedToStage: number; churnedInactive: number; churned: number; churnRate: number | null }) => [row.churnedToStage, row.churnedInactive, row.churned, row.churnRate])).toEqual([
      [0, 0, 0, null],
      [0, 0, 0, 0],
      [1, 1, 1, 0.5],
      [0, 2, 2, 2 / 3],
    ]);
    const csv = await t.send('GET', `/api/analytics/retention/churn.csv?${RANGE}`);
    expect(csv.text.split('\r\n')[4]).toBe('2026-04-01,3,0,2,2,66.67');

    // A login of B on 04-10 arrives late: B's gap after 03-15 is now 26 days, and 04-10 + 30 is in May. April: A only.
    await t.ingest('/v1/track', { userId: 'B', event: 'login', timestamp: '2026-04-10T09:00:00Z' });
    const later = await t.send('GET', `/api/analytics/retention/churn?${RANGE}`);
    expect(later.body.periods[3]).toMatchObject({ churnedInactive: 1, churned: 1, churnRate: 1 / 3 });
  });
});

describe('growth lens', () => {
  it('splits each month into new, returning, resurrecting and dormant customers', async () => {
    const growth = await t.send('GET', `/api/analytics/retention/growth?${RANGE}`);
    expect(growth.body.periods).toEqual([
      { period: '2026-01-01', active: 3, new: 3, returning: 0, resurrecting: 0, dormant: 0 }, // A B F all new
      { period: '2026-02-01', active: 3, new: 2, returning: 1, resurrecting: 0, dormant: 2 }, // C D new, A back; B F gone quiet
      { period: '2026-03-01', active: 4, new: 1, returning: 2, resurrecting: 1, dormant: 1 }, // E new, A C returning, B back from Jan; D quiet
      { period: '2026-04-01', active: 2, new: 0, returning: 1, resurrecting: 1, dormant: 3 }, // E returning, D back from Feb; A B C quiet
    ]);
  });

  it('honours the channel filter', async () => {
    const growth = await t.send('GET', `/api/analytics/retention/growth?${RANGE}&channel=ads`);
    // A: Jan Feb Mar; C: Feb Mar.
    expect(growth.body.periods.map((row: { new: number; returning: number; resurrecting: number; dormant: number }) => [row.new, row.returning, row.resurrecting, row.dormant])).toEqual([
      [1, 0, 0, 0],
      [1, 1, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 0, 2],
    ]);
  });
});
