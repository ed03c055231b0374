import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { globalControlMembership, queueAnalyticsEvent } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';
import { sweepLifecycle } from '../dispatch/lifecycleSweep';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

function splitDraft(split: Record<string, unknown>) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } },
      { id: 'ab', type: 'random_split', label: 'Subject test', arms: [{ id: 'hold', label: 'Holdout', weight: 1, control: true }, { id: 'b', label: 'Offer', weight: 1 }], ...split },
      { id: 'exit_hold', type: 'exit' },
      { id: 'exit_b', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'ab' },
      { id: 'e2', source: 'ab', sourceExit: 'hold', target: 'exit_hold' },
      { id: 'e3', source: 'ab', sourceExit: 'b', target: 'exit_b' },
    ],
  };
}

async function publishedSplit(split: Record<string, unknown> = {}) {
  const journey = await t.send('POST', '/api/journeys', { name: 'Onboarding test', draft: splitDraft(split) });
  const version = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
  expect(version.status).toBe(201);
  return { journeyId: journey.body.id as string, versionId: version.body.id as string };
}

/** Runs that passed the split on 2026-03-10: `entered` per arm, the first `converted` of them reached the goal. */
async function storeRuns(journeyId: string, versionId: string, arms: Record<string, { entered: number; converted: number }>) {
  const db = t.db;
  const run = db.prepare(`INSERT INTO runs (workflow_id, journey_id, version_id, customer_id, status, started_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const step = db.prepare(`INSERT INTO run_steps (workflow_id, seq, node_id, node_type, entered_at, left_at, exit) VALUES (?, 2, 'ab', 'random_split', ?, ?, ?)`);
  const conversion = db.prepare(`INSERT INTO run_conversions (workflow_id, journey_id, version_id, customer_id, started_at, converted_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const at = '2026-03-10T12:00:00.000Z';
  await db.transaction(async () => {
    for (const [arm, { entered, converted }] of Object.entries(arms)) {
      for (let n = 0; n < entered; n += 1) {
        const workflowId = `journey/${journeyId}/${arm}-${n}/1`;
        await run.run(workflowId, journeyId, versionId, `${arm}-${n}`, n < converted ? 'converted' : 'completed', at);
        await step.run(workflowId, at, at, arm);
        if (n < converted) await conversion.run(workflowId, journeyId, versionId, `${arm}-${n}`, at, '2026-03-12T12:00:00.000Z');
      }
    }
  });
}

describe('experiment arms', () => {
  it('give entered, converted, rate, lift with a 95% interval, a pooled z-test p-value and the winner', async () => {
    const { journeyId, versionId } = await publishedSplit();
    await storeRuns(journeyId, versionId, { hold: { entered: 1000, converted: 120 }, b: { entered: 1000, converted: 150 } });

    const answer = await t.send('GET', '/api/analytics/experiments/arms?from=2026-03-01&to=2026-03-31');
    expect(answer.status).toBe(200);
    expect(answer.body.test).toContain('two-proportion z-test (pooled)');
    const [split] = answer.body.splits;
    expect(split).toMatchObject({ journeyId, nodeId: 'ab', label: 'Subject test', minEntries: 100, winner: 'b' });
    const [hold, offer] = split.arms;
    // The control is the baseline: 120 / 1000 = 0.12.
    expect(hold).toMatchObject({ armId: 'hold', control: true, baseline: true, entered: 1000, converted: 120, rate: 0.12, difference: null, pValue: null });
    // 150 / 1000 = 0.15; difference 0.15 − 0.12 = 0.03; relative lift 0.03 / 0.12 = 0.25.
    expect(offer).toMatchObject({ armId: 'b', control: false, entered: 1000, converted: 150, rate: 0.15, significant: true });
    expect(offer.difference).toBeCloseTo(0.03, 10);
    expect(offer.relativeLift).toBeCloseTo(0.25, 10);
    // Interval (unpooled): se = √(0.12·0.88/1000 + 0.15·0.85/1000) = √(0.0001056 + 0.0001275) = √0.0002331 = 0.0152676;
    // 0.03 ± 1.959964 · 0.0152676 = 0.03 ± 0.0299240 → [0.0000760, 0.0599240].
    expect(offer.differenceLow).toBeCloseTo(0.000076, 5);
    expect(offer.differenceHigh).toBeCloseTo(0.059924, 5);
    // Test (pooled): p̂ = 270/2000 = 0.135; se = √(0.135·0.865·(1/1000 + 1/1000)) = √0.00023355 = 0.0152823;
    // z = 0.03 / 0.0152823 = 1.96305; p = 2·(1 − Φ(1.96305)) = 0.0496 < 0.05: significant, and both arms have ≥ 100 entries.
    expect(offer.pValue).toBeCloseTo(0.04964, 4);
    expect(split.verdict).toContain('p = 0.0496');

    const csv = await t.send('GET', '/api/analytics/experiments/arms.csv?from=2026-03-01&to=2026-03-31');
    expect(csv.text).toContain('Onboarding test,Subject test,Offer,false,false,1000,150,0.15');
  });

  it('names no winner while an arm has fewer entries than the minimum, and counts only entries in the range', async () => {
    const { journeyId, versionId } = await publishedSplit();
    await storeRuns(journeyId, versionId, { hold: { entered: 1000, converted: 120 }, b: { entered: 1000, converted: 150 } });
    const settings = (await t.send('GET', '/api/analytics/settings')).body;
    await t.send('PUT', '/api/analytics/settings', { ...settings, experimentMinEntries: 1001 });
    const [split] = (await t.send('GET', '/api/analytics/experiments/arms?from=2026-03-01&to=2026-03-31')).body.splits;
    expect(split.winner).toBeNull();
    expect(split.verdict).toContain('not enough data');
    const [outside] = (await t.send('GET', '/api/analytics/experiments/arms?from=2026-04-01&to=2026-04-30')).body.splits;
    expect(outside.arms.map((arm: { entered: number }) => arm.entered)).toEqual([0, 0]);
  });

  it('refuse a split with two control arms', async () => {
    const journey = await t.send('POST', '/api/journeys', {
      name: 'Two controls',
      draft: splitDraft({ arms: [{ id: 'hold', weight: 1, control: true }, { id: 'b', weight: 1, control: true }] }),
    });
    const published = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
    expect(published.status).toBe(422);
    expect(JSON.stringify(published.body.problems)).toContain('at most one arm can be the control');
  });

  it('promote the winner once: a new version sends every new entry to it, noted in the history', async () => {
    const { journeyId, versionId } = await publishedSplit({ autoPromote: true });
    await storeRuns(journeyId, versionId, { hold: { entered: 1000, converted: 120 }, b: { entered: 1000, converted: 150 } });
    await sweepLifecycle(t.db, new Date('2026-04-01T00:00:00Z'));
    await sweepLifecycle(t.db, new Date('2026-04-01T00:01:00Z'));
    const versions = (await t.send('GET', `/api/journeys/${journeyId}/versions`)).body.versions as { id: string; version: number }[];
    expect(versions.map((version) => version.version)).toEqual([2, 1]);
    const latest = (await t.send('GET', `/api/journeys/${journeyId}/versions/${versions[0]?.id}`)).body;
    expect(latest.graph.nodes.find((node: { id: string }) => node.id === 'ab')).toMatchObject({ promotedArm: 'b', autoPromote: true });
    // The draft follows, so publishing it later keeps the promotion.
    const draft = (await t.send('GET', `/api/journeys/${journeyId}`)).body.draft;
    expect(draft.nodes.find((node: { id: string }) => node.id === 'ab')).toMatchObject({ promotedArm: 'b' });
    const { promotions } = (await t.send('GET', '/api/analytics/experiments/arms')).body;
    expect(promotions).toEqual([expect.objectContaining({ journeyId, nodeId: 'ab', fromVersionId: versionId, versionId: versions[0]?.id, armId: 'b', note: 'winner promoted: arm Offer, p = 0.0496' })]);
  });

  it('wait to promote while the analytics are over five minutes behind (conversions not yet counted), and promote once they catch up', async () => {
    const { journeyId, versionId } = await publishedSplit({ autoPromote: true });
    await storeRuns(journeyId, versionId, { hold: { entered: 1000, converted: 120 }, b: { entered: 1000, converted: 150 } });
    // An event stored ten minutes before the sweep and not counted yet (its conversion could change the verdict).
    await queueAnalyticsEvent(t.db, { eventId: 'evt_late', customerId: 'someone', name: 'purchase', queuedAt: '2026-03-31T23:50:00.000Z' });
    await sweepLifecycle(t.db, new Date('2026-04-01T00:00:00Z'));
    const versionsOf = async () => ((await t.send('GET', `/api/journeys/${journeyId}/versions`)).body.versions as { version: number }[]).map((version) => version.version);
    expect(await versionsOf()).toEqual([1]);
    await t.countAnalytics();
    await sweepLifecycle(t.db, new Date('2026-04-01T00:01:00Z'));
    expect(await versionsOf()).toEqual([2, 1]);
  });
});

/** 100 control and 300 treatment customers, first seen 2026-02-15, their group stored before they are seen. */
async function storeGroups() {
  const settings = (await t.send('GET', '/api/analytics/settings')).body;
  await t.send('PUT', '/api/analytics/settings', { ...settings, globalControlShare: 0.25 });
  const assign = t.db.prepare(`INSERT INTO global_control (customer_id, in_control, share, assigned_at) VALUES (?, ?, 0.25, '2026-02-15T00:00:00.000Z')`);
  const ids = [...Array.from({ length: 100 }, (_, n) => `c${n}`), ...Array.from({ length: 300 }, (_, n) => `t${n}`)];
  for (const id of ids) await assign.run(id, id.startsWith('c') ? 1 : 0);
  const messages: object[] = ids.map((id) => ({ type: 'identify', userId: id, traits: { email: `${id}@example.test` }, timestamp: '2026-02-15T09:00:00Z' }));
  // In March: 10 control customers and 60 treatment customers buy once for 50.
  for (let n = 0; n < 10; n += 1) messages.push({ type: 'track', userId: `c${n}`, event: 'purchase', properties: { revenue: 50 }, timestamp: '2026-03-10T10:00:00Z' });
  for (let n = 0; n < 60; n += 1) messages.push({ type: 'track', userId: `t${n}`, event: 'purchase', properties: { revenue: 50 }, timestamp: '2026-03-10T10:00:00Z' });
  // Outside the range: not counted.
  messages.push({ type: 'track', userId: 'c50', event: 'purchase', properties: { revenue: 80 }, timestamp: '2026-02-20T10:00:00Z' });
  for (let start = 0; start < messages.length; start += 100) {
    const stored = await t.ingest('/v1/batch', { batch: messages.slice(start, start + 100) });
    expect(stored.status).toBe(200);
  }
  // Counted up front: a read counts the queue for at most its budget (1 s), which 470 events may outlast.
  await t.countAnalytics();
}

// A long timeout: counting some 400 customers' events takes up to a minute on a busy Postgres server.
describe('global control group', { timeout: 300_000 }, () => {
  it('compares conversion and revenue per customer, control against treatment, with intervals', async () => {
    await storeGroups();
    const answer = await t.send('GET', '/api/analytics/experiments/global-control?from=2026-03-01&to=2026-03-31');
    expect(answer.status).toBe(200);
    const body = answer.body;
    // 100 of 400 assigned are held out: 0.25, exactly the configured share (z = 0, p = 1).
    expect(body).toMatchObject({ configuredShare: 0.25, assigned: 400, inControl: 100, actualShare: 0.25, shareCheckPValue: 1, enoughData: true });
    expect(body.groups).toEqual([
      // control: 10 / 100 = 0.10; revenue 10 · 50 = 500, per customer 500 / 100 = 5 (c50's February purchase is outside the range).
      { group: 'control', customers: 100, converted: 10, conversionRate: 0.1, revenue: 500, revenuePerCustomer: 5 },
      // treatment: 60 / 300 = 0.20; revenue 60 · 50 = 3000, per customer 3000 / 300 = 10.
      { group: 'treatment', customers: 300, converted: 60, conversionRate: 0.2, revenue: 3000, revenuePerCustomer: 10 },
    ]);
    // Conversion: difference 0.20 − 0.10 = 0.10; se = √(0.1·0.9/100 + 0.2·0.8/300) = √0.00143333 = 0.0378594;
    // 0.10 ± 1.959964 · 0.0378594 = 0.10 ± 0.0742030 → [0.025797, 0.174203]. Pooled p̂ = 70/400 = 0.175,
    // se = √(0.175·0.825·(1/100 + 1/300)) = √0.001925 = 0.0438748; z = 2.27921; p = 2·(1 − Φ(2.27921)) = 0.02265.
    expect(body.conversion.difference).toBeCloseTo(0.1, 10);
    expect(body.conversion.low).toBeCloseTo(0.025797, 5);
    expect(body.conversion.high).toBeCloseTo(0.174203, 5);
    expect(body.conversion.pValue).toBeCloseTo(0.02265, 4);
    // Revenue per customer: variances (Σx² − (Σx)²/n)/(n−1): control (25000 − 2500)/99 = 227.2727, treatment
    // (150000 − 30000)/299 = 401.3378; se = √(227.2727/100 + 401.3378/300) = √3.610520 = 1.900137; difference 10 − 5 = 5;
    // 5 ± 1.959964 · 1.900137 = 5 ± 3.724200 → [1.275800, 8.724200]; z = 5 / 1.900137 = 2.63139; p = 0.00850.
    expect(body.revenuePerCustomer.difference).toBeCloseTo(5, 10);
    expect(body.revenuePerCustomer.low).toBeCloseTo(1.2758, 3);
    expect(body.revenuePerCustomer.high).toBeCloseTo(8.7242, 3);
    expect(body.revenuePerCustomer.pValue).toBeCloseTo(0.0085, 4);
  });

  it('says "not enough data" below the minimum per group', async () => {
    await storeGroups();
    const settings = (await t.send('GET', '/api/analytics/settings')).body;
    await t.send('PUT', '/api/analytics/settings', { ...settings, experimentMinEntries: 101 });
    const body = (await t.send('GET', '/api/analytics/experiments/global-control?from=2026-03-01&to=2026-03-31')).body;
    expect(body).toMatchObject({ enoughData: false, conversion: null, revenuePerCustomer: null });
    expect(body.note).toContain('not enough data');
  });

  it('assigns customers at first sight by the configured share and never moves them when the share changes', async () => {
    const settings = (await t.send('GET', '/api/analytics/settings')).body;
    await t.send('PUT', '/api/analytics/settings', { ...settings, globalControlShare: 0.2 });
    const batch = Array.from({ length: 400 }, (_, n) => ({ type: 'identify', userId: `u${n}`, traits: { plan: 'free' }, timestamp: '2026-02-01T00:00:00Z' }));
    for (let start = 0; start < batch.length; start += 100) await t.ingest('/v1/batch', { batch: batch.slice(start, start + 100) });
    await t.countAnalytics(); // a read counts the queue for at most its budget (1 s), which 400 identifies may outlast
    const before = (await t.send('GET', '/api/analytics/experiments/global-control')).body;
    expect(before.assigned).toBe(400);
    // A fair draw of 400 at 0.2: 80 expected, ± 4 standard deviations (√(400·0.2·0.8) = 8): the salt is random per
    // workspace, so ±2σ failed about one run in twenty; ±4σ fails one in 16,000 and still tells 0.2 from 0.1 or 0.4.
    expect(before.inControl).toBeGreaterThan(80 - 32);
    expect(before.inControl).toBeLessThan(80 + 32);
    const membershipsNow = async () => {
      const inControl: (boolean | undefined)[] = [];
      for (const { userId } of batch) inControl.push((await globalControlMembership(t.db, userId))?.inControl);
      return inControl;
    };
    const memberships = await membershipsNow();
    await t.send('PUT', '/api/analytics/settings', { ...settings, globalControlShare: 0.4 });
    await t.ingest('/v1/batch', { batch: batch.map((message) => ({ ...message, timestamp: '2026-02-02T00:00:00Z' })).slice(0, 100) });
    const after = await membershipsNow();
    expect(after).toEqual(memberships);
    const first = (await t.send('GET', `/api/analytics/experiments/membership/u0`)).body;
    expect(first).toMatchObject({ customerId: 'u0', assigned: true, share: 0.2, heldOut: first.inControl });
  });
});
