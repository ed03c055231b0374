import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

describe('analytics date range', () => {
  // Found by the fuzz run: `to=0007-12-73` passed Date.parse (legacy fallback) and then failed as a 500.
  it.each(['0007-12-73', '2026-02-30', '2026-13-01'])('refuses to=%s with a 400 naming `to`', async (day) => {
    const response = await t.send('GET', `/api/analytics/surveys/answers?kind=csat&to=${day}`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('to');
  });

  it('still takes a real day', async () => {
    const response = await t.send('GET', '/api/analytics/surveys/answers?kind=csat&from=2024-02-28&to=2024-02-29');
    expect(response.status).toBe(200);
  });
});
