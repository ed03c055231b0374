import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerFactsOf } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';
import { toCsv } from './csv';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

describe('analytics settings', () => {
  it('start with the documented defaults and keep what an admin saves', async () => {
    const initial = await t.send('GET', '/api/analytics/settings');
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({ customerStages: ['retention', 'advocacy', 'at_risk'], churnStages: ['churned'], channelTrait: 'utm_source', margin: 1 });
    expect(initial.body.revenue).toMatchObject({ events: ['purchase', 'Order Completed'], properties: ['revenue', 'total'], baseCurrency: 'USD' });

    const saved = await t.send('PUT', '/api/analytics/settings', { ...initial.body, margin: 0.4, activityEvents: ['login'] });
    expect(saved.status).toBe(200);
    expect((await t.send('GET', '/api/analytics/settings')).body).toMatchObject({ margin: 0.4, activityEvents: ['login'] });
  });

  it('refuse a bad value with 400 naming the field', async () => {
    const refused = await t.send('PUT', '/api/analytics/settings', { margin: 2, revenue: { baseCurrency: 'dollars' } });
    expect(refused.status).toBe(400);
    const paths = (refused.body.issues as { path: string }[]).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['margin', 'revenue.baseCurrency']));
  });
});

describe('customer facts', () => {
  it('keep the earliest first-seen and the first-touch channel, even when history arrives late', async () => {
    await t.ingest('/v1/batch', {
      batch: [
        { type: 'identify', userId: 'ada', traits: { utm_source: 'newsletter' }, timestamp: '2026-03-10T10:00:00Z' },
        { type: 'page', userId: 'ada', name: 'home', context: { campaign: { source: 'google' } }, timestamp: '2026-02-01T08:00:00Z' },
      ],
    });
    await t.countAnalytics();
    expect(await customerFactsOf(t.db, 'ada')).toEqual({ firstSeenAt: '2026-02-01T08:00:00.000Z', channel: 'google' });
    await t.ingest('/v1/track', { userId: 'ada', event: 'login', properties: { utm_source: 'ads' }, timestamp: '2026-04-01T08:00:00Z' });
    await t.countAnalytics();
    expect(await customerFactsOf(t.db, 'ada')).toEqual({ firstSeenAt: '2026-02-01T08:00:00.000Z', channel: 'google' });
    const channels = await t.send('GET', '/api/analytics/channels');
    expect(channels.body.channels).toEqual([{ channel: 'google', customers: 1 }]);
  });
});

describe('CSV export', () => {
  it('quotes separators and defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv({ columns: ['customer', 'revenue'], rows: [['=HYPERLINK("x")', 12.5], ['a,b', null], ['-cmd', -3]] })).toBe(
      'customer,revenue\r\n"\'=HYPERLINK(""x"")",12.5\r\n"a,b",\r\n\'-cmd,-3\r\n',
    );
  });
});

describe('analytics settings with odd history stored', () => {
  it('save after an event dated past the year 9999 was offered (refused at ingest, naming the field; the rest kept)', async () => {
    const far = await t.ingest('/v1/track', { userId: 'far', event: 'login', timestamp: '+010000-01-01T00:00:00.000Z' });
    expect(far.status).toBe(400);
    expect(JSON.stringify(far.body)).toContain('timestamp');
    const accepted = await t.ingest('/v1/batch', { batch: [{ type: 'track', userId: 'far', event: 'login', timestamp: '2026-03-10T10:00:00Z' }] });
    expect(accepted.status).toBe(200);
    const before = (await t.send('GET', '/api/analytics/settings')).body;
    const saved = await t.send('PUT', '/api/analytics/settings', { ...before, activityEvents: ['login'], churnInactivityDays: 30 });
    expect(saved.status).toBe(200);
    const reset = await t.send('PUT', '/api/analytics/settings', {});
    expect(reset.status).toBe(200);
  });
});
