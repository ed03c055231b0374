import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDelivery, events } from '@lifecycle/db';
import { signTrackingToken } from '@lifecycle/messaging';
import { sweepLifecycle } from '../dispatch/lifecycleSweep';
import { testApp, type TestApp } from '../testing/testApp';

const DAY = 86_400_000;
let t: TestApp;
let t0: number;
beforeEach(async () => {
  t = testApp();
  t0 = Date.now();
});
afterEach(async () => {
  await t.close();
});

const ago = (days: number) => new Date(t0 - days * DAY).toISOString();
const day = (offset: number) => new Date(t0 + offset * DAY).toISOString().slice(0, 10);

/** 40 login activity (4 in 14 days = full), 10 no support ticket in 30 days, 20 NPS, 10 opened an email in 30 days, 20 plan pro/team. */
const SETTINGS = {
  rules: [
    { kind: 'activity', weight: 40, events: ['login'], days: 14, target: 4 },
    { kind: 'event', weight: 10, event: 'support_ticket', days: 30, expect: 'did_not' },
    { kind: 'nps', weight: 20 },
    { kind: 'email', weight: 10, days: 30, engagement: 'opened' },
    { kind: 'trait', weight: 20, trait: 'plan', operator: 'in', values: ['pro', 'team'] },
  ],
  bands: { healthyFrom: 70, atRiskFrom: 45 },
};

const track = (userId: string, event: string, daysAgo: number, properties: object = {}) => ({ type: 'track', userId, event, properties, timestamp: ago(daysAgo) });

async function ingestFixture() {
  await t.ingest('/v1/batch', {
    batch: [
      { type: 'identify', userId: 'ada', traits: { plan: 'pro', utm_source: 'google' }, timestamp: ago(20) },
      ...[1, 2, 3, 10].map((d) => track('ada', 'login', d)),
      track('ada', 'survey_answered', 5, { kind: 'nps', score: 9, survey: 'q4' }),
      { type: 'identify', userId: 'bob', traits: { plan: 'free', utm_source: 'google' }, timestamp: ago(20) },
      track('bob', 'login', 3),
      track('bob', 'support_ticket', 2),
      track('bob', 'survey_answered', 4, { kind: 'nps', score: '3', survey: 'q4' }),
      { type: 'identify', userId: 'cat', traits: { plan: 'team', utm_source: 'ads' }, timestamp: ago(20) },
      ...[1, 13].map((d) => track('cat', 'login', d)),
      { type: 'identify', userId: 'dan', traits: { plan: 'pro', utm_source: 'ads' }, timestamp: ago(20) },
      ...[1, 2, 3, 13].map((d) => track('dan', 'login', d)),
    ],
  });
}

const healthOf = async (id: string) => (await t.send('GET', `/api/customers/${id}/health`)).body;
const healthEvents = async () => (await t.db.select().from(events)).filter((event) => event.name === 'health_changed');

describe('health settings', () => {
  it('are read by viewers, written by admins, and refused with 400 naming each bad field', async () => {
    expect((await t.send('GET', '/api/analytics/health/settings')).body).toEqual({ rules: [], bands: { healthyFrom: 70, atRiskFrom: 40 } });
    const viewer = await t.accounts.token('viewer');
    expect((await t.send('PUT', '/api/analytics/health/settings', SETTINGS, { authorization: `Bearer ${viewer}` })).status).toBe(403);
    const refused = await t.send('PUT', '/api/analytics/health/settings', {
      rules: [{ kind: 'activity', weight: -1, days: 0, target: 4 }, { kind: 'trait', weight: 5, trait: 'plan; drop', values: ['x'] }],
      bands: { healthyFrom: 40, atRiskFrom: 60 },
    });
    expect(refused.status).toBe(400);
    expect((refused.body.issues as { path: string }[]).map((issue) => issue.path)).toEqual(expect.arrayContaining(['rules[0].weight', 'rules[0].days', 'rules[1].trait', 'bands.healthyFrom']));
    expect((await t.send('PUT', '/api/analytics/health/settings', SETTINGS)).status).toBe(200);
    expect((await t.send('GET', '/api/analytics/health/settings')).body).toMatchObject(SETTINGS);
  });
});

describe('health scores', () => {
  it('score each customer by hand-worked rules, band them, and show the figures', async () => {
    await t.send('PUT', '/api/analytics/health/settings', SETTINGS);
    await ingestFixture();
    // ada: 40 (4 logins) + 10 (no ticket) + 20×9/10 = 18 + 0 (no email yet) + 20 (pro) = 88 → healthy
    // bob: 40×1/4 = 10 + 0 (ticket) + 20×3/10 = 6 + 0 + 0 (free) = 16 → critical
    // cat: 40×2/4 = 20 + 10 + 0 (no answer) + 0 + 20 (team) = 50 → at risk (45 ≤ 50 < 70)
    // dan: 40 + 10 + 0 + 0 + 20 = 70 → healthy
    const ada = await healthOf('ada');
    expect(ada.current).toMatchObject({ score: 88, band: 'healthy' });
    expect(ada.why.rules.map((rule: { points: number }) => rule.points)).toEqual([40, 10, 18, 0, 20]);
    expect((await healthOf('bob')).current).toMatchObject({ score: 16, band: 'critical' });
    expect((await healthOf('cat')).current).toMatchObject({ score: 50, band: 'at_risk' });
    expect((await healthOf('dan')).current).toMatchObject({ score: 70, band: 'healthy' });

    // ada opens an email (the tracking pixel goes through storeInternalEvent): 88 + 10 = 98, same band, no event.
    const deliveryId = (await claimDelivery(t.db, { id: 'd1', idempotencyKey: 'k1', workflowId: 'journey/j/ada/once', nodeId: 'send', journeyId: 'j', customerId: 'ada', templateId: 'tpl', messageId: '<d1@x>' })).delivery.id;
    expect((await t.app.request(`/t/o/${signTrackingToken(t.config.trackingSecret, { kind: 'open', deliveryId })}`)).status).toBe(200);
    const opened = await healthOf('ada');
    expect(opened.current).toMatchObject({ score: 98, band: 'healthy' });
    expect(opened.history.map((row: { score: number }) => row.score)).toEqual([98, 88]);
    expect(await healthEvents()).toEqual([]);

    // Now: healthy ada 98, dan 70; at risk cat 50; critical bob 16. Average (98 + 70 + 50 + 16) / 4 = 58.5.
    const bands = await t.send('GET', `/api/analytics/health/bands?from=${day(-1)}&to=${day(0)}&interval=day`);
    expect(bands.body.now).toEqual({ healthy: 2, at_risk: 1, critical: 1 });
    expect(bands.body.averageScore).toBe(58.5);
    expect(bands.body.periods).toEqual([
      { period: day(-1), bands: { healthy: 0, at_risk: 0, critical: 0 } },
      { period: day(0), bands: { healthy: 2, at_risk: 1, critical: 1 } },
    ]);
    // Channel google: ada 98 and bob 16 → average 57; ads: cat 50 and dan 70 → 60.
    const byChannel = await t.send('GET', '/api/analytics/health/average?by=channel');
    expect(byChannel.body.groups).toEqual([
      { key: 'ads', customers: 2, averageScore: 60 },
      { key: 'google', customers: 2, averageScore: 57 },
    ]);
    expect((await t.send('GET', '/api/analytics/health/bands?channel=google')).body.now).toEqual({ healthy: 1, at_risk: 0, critical: 1 });
    const csv = await t.send('GET', `/api/analytics/health/bands.csv?from=${day(0)}&to=${day(0)}&interval=day`);
    expect(csv.text).toBe(`period,healthy,at_risk,critical\r\n${day(0)},2,1,1\r\n`);
  });

  it('rescore when a window drops an event out (the sweep), emit health_changed once per band change, and start the journey on it', async () => {
    await t.send('PUT', '/api/analytics/health/settings', SETTINGS);
    const draft = {
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'health_changed', reentry: { policy: 'always' }, conditions: { match: 'all', conditions: [{ source: 'event', path: 'to', op: 'eq', value: 'at_risk' }] } },
        { id: 'done', type: 'exit' },
      ],
      edges: [{ id: 'e1', source: 'trigger', sourceExit: 'next', target: 'done' }],
    };
    const journey = await t.send('POST', '/api/journeys', { name: 'Low usage', draft });
    expect((await t.send('POST', `/api/journeys/${journey.body.id}/publish`)).status).toBe(201);
    await ingestFixture();
    await t.countAnalytics();
    await t.dispatcher.dispatchPending();
    expect(t.temporal.started).toEqual([]);

    // 1.5 days later the logins of 13 days ago are 14.5 days old: cat 50 − 10 = 40 → critical; dan 70 − 10 = 60 → at risk.
    await sweepLifecycle(t.db, new Date(t0 + 1.5 * DAY));
    expect((await healthOf('cat')).history.slice(0, 1)).toMatchObject([{ score: 40, band: 'critical', from: 'at_risk' }]);
    expect((await healthOf('dan')).current).toMatchObject({ score: 60, band: 'at_risk' });
    await sweepLifecycle(t.db, new Date(t0 + 1.6 * DAY));
    const changes = (await healthEvents()).map((event) => ({ customerId: event.customerId, ...event.properties }));
    expect(changes.sort((a, b) => String(a.customerId).localeCompare(String(b.customerId)))).toEqual([
      { customerId: 'cat', from: 'at_risk', to: 'critical', score: 40, previousScore: 50 },
      { customerId: 'dan', from: 'healthy', to: 'at_risk', score: 60, previousScore: 70 },
    ]);
    const transitions = await t.send('GET', `/api/analytics/health/transitions?from=${day(0)}&to=${day(2)}`);
    expect(transitions.body.transitions).toEqual([
      { from: 'at_risk', to: 'critical', transitions: 1 },
      { from: 'healthy', to: 'at_risk', transitions: 1 },
    ]);

    // The dispatcher starts the "low usage" journey for dan (to = at_risk) and not for cat (to = critical).
    await t.dispatcher.dispatchPending();
    expect(t.temporal.started.map((run) => run.input.customerId)).toEqual(['dan']);
  });

  it('rescore everyone with a new definition, in batches by the sweep', async () => {
    await t.send('PUT', '/api/analytics/health/settings', SETTINGS);
    await ingestFixture();
    await t.send('PUT', '/api/analytics/health/settings', { rules: [{ kind: 'trait', weight: 1, trait: 'plan', values: ['pro'] }], bands: { healthyFrom: 50, atRiskFrom: 10 } });
    await sweepLifecycle(t.db, new Date(t0 + 1000));
    // Only the plan counts now: ada and dan (pro) 100 → healthy; bob (free) and cat (team) 0 → critical.
    const bands = await t.send('GET', '/api/analytics/health/bands');
    expect(bands.body.now).toEqual({ healthy: 2, at_risk: 0, critical: 2 });

    // Deleting bob (GDPR) takes him out of today's counts and out of the past ones.
    expect((await t.send('DELETE', '/api/customers/bob')).status).toBe(200);
    const today = `/api/analytics/health/bands?from=${day(0)}&to=${day(0)}&interval=day`;
    expect((await t.send('GET', today)).body).toMatchObject({ now: { healthy: 2, at_risk: 0, critical: 1 }, periods: [{ bands: { healthy: 2, at_risk: 0, critical: 1 } }] });
    // No rules any more: no scores, no history.
    await t.send('PUT', '/api/analytics/health/settings', { rules: [] });
    await sweepLifecycle(t.db, new Date(t0 + 2000));
    expect((await t.send('GET', today)).body).toMatchObject({ now: { healthy: 0, at_risk: 0, critical: 0 }, periods: [{ bands: { healthy: 0, at_risk: 0, critical: 0 } }] });
    expect(await healthOf('ada')).toMatchObject({ current: null, why: null, history: [] });
  });
});
