import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDelivery, markDeliveryFailed, markDeliverySent, recordRunProgress, type RunUpsert } from '@lifecycle/db';
import { signTrackingToken } from '@lifecycle/messaging';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

/** signed_up → send the welcome → wait up to 2 days for its open → matched: done_a / timed out: done_b. */
function onboardingDraft(templateId: string, goal: unknown) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'signed_up' },
      { id: 'send', type: 'send_email', templateId },
      { id: 'wait_open', type: 'wait_for_event', awaited: { kind: 'email_opened', sendNodeId: 'send' }, timeout: { amount: 2, unit: 'days' } },
      { id: 'done_a', type: 'exit' },
      { id: 'done_b', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'wait_open' },
      { id: 'e3', source: 'wait_open', sourceExit: 'matched', target: 'done_a' },
      { id: 'e4', source: 'wait_open', sourceExit: 'timed_out', target: 'done_b' },
    ],
    goal,
  };
}

async function publish(name: string, goal: unknown) {
  const template = await t.send('POST', '/api/templates', { name: 'Welcome', subject: 'Hi', html: '<p>Hello</p>' });
  const journey = await t.send('POST', '/api/journeys', { name, draft: onboardingDraft(template.body.id, goal) });
  expect(journey.status).toBe(201);
  const version = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
  expect(version.status).toBe(201);
  return { templateId: template.body.id as string, journeyId: journey.body.id as string, versionId: version.body.id as string };
}

type Ids = Awaited<ReturnType<typeof publish>>;

/** Records a run and its steps as the worker would: each step as [node, exit]; a wait is recorded entered, then left. */
async function runThrough(ids: Ids, customerId: string, startedAt: string, status: RunUpsert['status'], endedAt: string | null, steps: [string, string | null][]) {
  const workflowId = `journey/${ids.journeyId}/${customerId}/1`;
  const run: RunUpsert = { workflowId, journeyId: ids.journeyId, versionId: ids.versionId, customerId, status: 'running', startedAt };
  for (const [index, [nodeId, exit]] of steps.entries()) {
    const step = { seq: index + 1, nodeId, nodeType: nodeId.replace(/_(a|b|open)$/, ''), enteredAt: startedAt };
    if (nodeId === 'wait_open') await recordRunProgress(t.db, { ...run, status: 'waiting' }, { ...step, exit: null });
    await recordRunProgress(t.db, run, { ...step, exit });
    await recordRunProgress(t.db, run, { ...step, exit }); // a retried record: counts once
  }
  await recordRunProgress(t.db, { ...run, status, endedAt });
  return workflowId;
}

async function deliver(ids: Ids, workflowId: string, customerId: string, outcome: 'sent' | 'failed'): Promise<string> {
  const { delivery } = await claimDelivery(t.db, { id: `d-${customerId}`, idempotencyKey: `${workflowId}:send`, workflowId, nodeId: 'send', journeyId: ids.journeyId, customerId, templateId: ids.templateId, messageId: `<${customerId}@test>` });
  if (outcome === 'sent') await markDeliverySent(t.db, delivery.id, { to: `${customerId}@example.com`, subject: 'Hi', sentAt: '2026-03-02T10:00:01.000Z' });
  else await markDeliveryFailed(t.db, delivery.id, '550 no such user');
  return delivery.id;
}

const token = (kind: 'open' | 'click' | 'unsubscribe', deliveryId: string) => signTrackingToken(t.config.trackingSecret, { kind, deliveryId, ...(kind === 'click' ? { url: 'https://example.com/' } : {}) });

describe('journey analytics', () => {
  it('count entries, outcomes, conversions in and after the run within the window, revenue, nodes, sends and templates', async () => {
    const ids = await publish('Onboarding', { event: 'purchase', window: { amount: 7, unit: 'days' } });
    // c1 opens and converts during the run (24 h after entry); c2 and c3 time out; c4 waits; c5's send fails.
    const w1 = await runThrough(ids, 'c1', '2026-03-02T10:00:00.000Z', 'converted', '2026-03-03T10:00:00.000Z', [['trigger', 'next'], ['send', 'next'], ['wait_open', 'matched'], ['done_a', null]]);
    const w2 = await runThrough(ids, 'c2', '2026-03-02T12:00:00.000Z', 'completed', '2026-03-04T12:00:00.000Z', [['trigger', 'next'], ['send', 'next'], ['wait_open', 'timed_out'], ['done_b', null]]);
    const w3 = await runThrough(ids, 'c3', '2026-03-02T00:00:00.000Z', 'completed', '2026-03-04T00:00:00.000Z', [['trigger', 'next'], ['send', 'next'], ['wait_open', 'timed_out'], ['done_b', null]]);
    const w4 = await runThrough(ids, 'c4', '2026-03-03T00:00:00.000Z', 'waiting', null, [['trigger', 'next'], ['send', 'next']]);
    await recordRunProgress(t.db, { workflowId: w4, journeyId: ids.journeyId, versionId: ids.versionId, customerId: 'c4', status: 'waiting', startedAt: '2026-03-03T00:00:00.000Z' }, { seq: 3, nodeId: 'wait_open', nodeType: 'wait_for_event', enteredAt: '2026-03-03T00:00:00.000Z' });
    const w5 = await runThrough(ids, 'c5', '2026-03-03T00:00:00.000Z', 'failed', '2026-03-03T00:00:01.000Z', [['trigger', 'next'], ['send', null]]);

    const d1 = await deliver(ids, w1, 'c1', 'sent');
    const d2 = await deliver(ids, w2, 'c2', 'sent');
    const d3 = await deliver(ids, w3, 'c3', 'sent');
    await deliver(ids, w4, 'c4', 'sent');
    await deliver(ids, w5, 'c5', 'failed');
    expect((await t.app.request(`/t/o/${token('open', d1)}`)).status).toBe(200);
    expect((await t.app.request(`/t/c/${token('click', d1)}`)).status).toBe(302); // a click is also an open: one unique open
    expect((await t.app.request(`/t/o/${token('open', d2)}`)).status).toBe(200);
    expect((await t.app.request(`/t/o/${token('open', d2)}`)).status).toBe(200); // opened twice: one unique open
    expect((await t.app.request(`/u/${token('unsubscribe', d3)}`, { method: 'POST' })).status).toBe(200);

    const ingested = await t.ingest('/v1/batch', {
      batch: [
        // c1's goal purchase (the run converted on it already): 30 within the window.
        { type: 'track', userId: 'c1', event: 'purchase', properties: { revenue: 30 }, timestamp: '2026-03-03T10:00:00Z' },
        { type: 'track', userId: 'c1', event: 'purchase', properties: { revenue: 100 }, timestamp: '2026-03-20T10:00:00Z' }, // after its window: not counted
        // c2: an order (revenue, not the goal) on day 3, then the goal purchase 4 days after entry, after the run ended.
        { type: 'track', userId: 'c2', event: 'Order Completed', properties: { total: 20 }, timestamp: '2026-03-05T12:00:00Z' },
        { type: 'track', userId: 'c2', event: 'purchase', properties: { revenue: 50 }, timestamp: '2026-03-06T12:00:00Z' },
        // c3 buys 10 days after entry: past the 7-day window, so no conversion.
        { type: 'track', userId: 'c3', event: 'purchase', properties: { revenue: 80 }, timestamp: '2026-03-12T00:00:00Z' },
      ],
    });
    expect(ingested.status).toBe(200);

    const summary = await t.send('GET', '/api/analytics/journeys/summary?from=2026-03-01&to=2026-03-31');
    expect(summary.status).toBe(200);
    const version = {
      journeyId: ids.journeyId, journeyName: 'Onboarding',
      entered: 5, // c1..c5
      inProgress: 1, // c4
      completed: 2, // c2, c3 (c2 converted later, still ended at an exit)
      endedOtherwise: 1, // c5 failed
      converted: 2, // c1 in the run, c2 four days after entry (c3's purchase came on day 10)
      conversionRate: 0.4, // 2 ÷ 5
      medianHoursToConvert: 60, // median of c1 24 h and c2 96 h = (24 + 96) / 2
      revenue: 100, // c1 30 + c2 (20 + 50); c1's 100 on 20 March is after its window
    };
    expect(summary.body.rows).toEqual([
      { ...version, versionId: null, version: null },
      { ...version, versionId: ids.versionId, version: 1 },
    ]);
    // A range without entries shows nothing.
    expect((await t.send('GET', '/api/analytics/journeys/summary?from=2026-04-01&to=2026-04-30')).body.rows).toEqual([]);

    const nodes = await t.send('GET', `/api/analytics/journeys/nodes?journey=${ids.journeyId}`);
    expect(nodes.status).toBe(200);
    expect(nodes.body.nodes).toEqual([
      { nodeId: 'done_a', reached: 1, passedOn: 0, exits: [] },
      { nodeId: 'done_b', reached: 2, passedOn: 0, exits: [] },
      { nodeId: 'send', reached: 5, passedOn: 4, exits: [{ exit: 'next', visits: 4, share: 1 }] }, // c5's send failed and the run ended there
      // c1..c4 reached the wait; c4 still waits: 1 matched + 2 timed out = 3 passed on.
      { nodeId: 'trigger', reached: 5, passedOn: 5, exits: [{ exit: 'next', visits: 5, share: 1 }] },
      { nodeId: 'wait_open', reached: 4, passedOn: 3, exits: [{ exit: 'matched', visits: 1, share: 0.3333 }, { exit: 'timed_out', visits: 2, share: 0.6667 }] },
    ]);
    // 4 delivered + 1 failed = 5 sent; opens c1, c2 = 2 → 2 ÷ 4 = 50 %; clicks c1 = 1 → 1 ÷ 4 = 25 %; c3 unsubscribed.
    const send = { sent: 5, delivered: 4, failed: 1, skipped: 0, uniqueOpens: 2, uniqueClicks: 1, unsubscribes: 1, openRate: 0.5, clickRate: 0.25 };
    expect(nodes.body.sends).toEqual([{ nodeId: 'send', templateId: ids.templateId, ...send }]);

    const templates = await t.send('GET', '/api/analytics/journeys/templates');
    expect(templates.body.templates).toEqual([{ templateId: ids.templateId, templateName: 'Welcome', journeys: 1, ...send }]);

    const sendsCsv = await t.send('GET', `/api/analytics/journeys/sends.csv?journey=${ids.journeyId}&version=1`);
    expect(sendsCsv.text.split('\r\n')[1]).toBe(`send,${ids.templateId},5,4,1,0,2,1,1,50,25`);
    const csv = await t.send('GET', '/api/analytics/journeys/summary.csv?from=2026-03-01&to=2026-03-31');
    expect(csv.text.split('\r\n')[1]).toBe(`Onboarding,${ids.journeyId},all,5,1,2,1,2,40,60,100`);
  });

  it('convert a run that ended when its customer enters the goal segment within the window, not after it', async () => {
    const paying = await t.send('POST', '/api/segments', { name: 'Paying', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } });
    const ids = await publish('Upgrade', { kind: 'segment_entered', segmentId: paying.body.id, window: { amount: 3, unit: 'days' } });
    const now = Date.now();
    const hoursAgo = (hours: number) => new Date(now - hours * 3_600_000).toISOString();
    await runThrough(ids, 'u1', hoursAgo(2), 'completed', hoursAgo(1), [['trigger', 'next'], ['send', 'next'], ['wait_open', 'timed_out'], ['done_b', null]]);
    await runThrough(ids, 'u2', hoursAgo(24 * 4), 'completed', hoursAgo(24 * 3), [['trigger', 'next'], ['send', 'next'], ['wait_open', 'timed_out'], ['done_b', null]]);
    await t.ingest('/v1/batch', { batch: [{ type: 'identify', userId: 'u1', traits: { plan: 'pro' } }, { type: 'identify', userId: 'u2', traits: { plan: 'pro' } }] });

    const summary = await t.send('GET', '/api/analytics/journeys/summary');
    // u1 entered 2 h ago and joined Paying now: converted after about 2 h. u2 entered 4 days ago: past its 3-day window.
    expect(summary.body.rows[0]).toMatchObject({ journeyName: 'Upgrade', entered: 2, completed: 2, converted: 1, conversionRate: 0.5 });
    expect(summary.body.rows[0].medianHoursToConvert).toBeCloseTo(2, 1);
    // The segment filter: only u1 and u2 are in Paying; an unknown segment leaves nothing.
    expect((await t.send('GET', `/api/analytics/journeys/summary?segment=${paying.body.id}`)).body.rows[0]).toMatchObject({ entered: 2, converted: 1 });
    expect((await t.send('GET', '/api/analytics/journeys/summary?segment=nobody')).body.rows).toEqual([]);
  });

  it('answer 404 for a journey without that version, and 400 naming a bad parameter', async () => {
    const ids = await publish('Onboarding', { event: 'purchase' });
    const missing = await t.send('GET', `/api/analytics/journeys/nodes?journey=${ids.journeyId}&version=9`);
    expect(missing.status).toBe(404);
    const bad = await t.send('GET', `/api/analytics/journeys/nodes?journey=${ids.journeyId}&version=x`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('version');
  });
});
