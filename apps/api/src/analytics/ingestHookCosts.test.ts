import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordRunProgress, type RunUpsert } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';

// What the cheaper per-event hooks must still get right: a goal published between two batches is seen by the
// next one (goal names are read once per batch), and customer facts still move back and pick the first channel
// although a later event no longer writes the row.
let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

async function publishWithGoal(name: string, goalEvent: string, conditions?: object) {
  const template = await t.send('POST', '/api/templates', { name: 'Welcome', subject: 'Hi', html: '<p>Hello</p>' });
  const draft = {
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'signed_up' },
      { id: 'send', type: 'send_email', templateId: template.body.id },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
    goal: { kind: 'event', event: goalEvent, window: { amount: 3, unit: 'days' }, ...(conditions ? { conditions } : {}) },
  };
  const journey = await t.send('POST', '/api/journeys', { name, draft });
  const version = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
  expect(version.status).toBe(201);
  return { journeyId: journey.body.id as string, versionId: version.body.id as string };
}

async function startRun(ids: { journeyId: string; versionId: string }, customerId: string, startedAt: string) {
  const run: RunUpsert = { workflowId: `journey/${ids.journeyId}/${customerId}/1`, journeyId: ids.journeyId, versionId: ids.versionId, customerId, status: 'running', startedAt };
  await recordRunProgress(t.db, run, { seq: 1, nodeId: 'trigger', nodeType: 'trigger', enteredAt: startedAt, exit: 'next' });
}

const summaryRow = async (journeyName: string) => ((await t.send('GET', '/api/analytics/journeys/summary')).body.rows as { journeyName: string; converted: number }[]).find((row) => row.journeyName === journeyName);

describe('per-event analytics hooks', () => {
  it('count a conversion by a goal event published after earlier batches were ingested', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    // A batch before any journey names `demo_booked` as its goal: no run window is probed for it, nothing to convert.
    expect((await t.ingest('/v1/batch', { batch: [{ type: 'track', userId: 'ann', event: 'demo_booked' }] })).status).toBe(200);
    const ids = await publishWithGoal('Demo push', 'demo_booked');
    await startRun(ids, 'ann', hourAgo);
    await startRun(ids, 'ben', hourAgo);
    // The next batch reads the goal names again: ann's goal event converts her run, ben's page view does not.
    await t.ingest('/v1/batch', { batch: [{ type: 'page', userId: 'ben', name: 'Pricing' }, { type: 'track', userId: 'ann', event: 'demo_booked' }] });
    expect(await summaryRow('Demo push')).toMatchObject({ entered: 2, converted: 1 });
    // A second journey on another goal, published between batches, is seen as well.
    const other = await publishWithGoal('Upgrade push', 'upgraded');
    await startRun(other, 'ben', hourAgo);
    await t.ingest('/v1/batch', { batch: [{ type: 'track', userId: 'ben', event: 'upgraded' }] });
    expect(await summaryRow('Upgrade push')).toMatchObject({ entered: 1, converted: 1 });
  });

  it('keep the first-touch channel and first-seen time when later events name another channel or none', async () => {
    const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    await t.ingest('/v1/batch', { batch: [{ type: 'page', userId: 'cy', name: 'Home', properties: { utm_source: 'newsletter' }, timestamp: at(10) }] });
    await t.ingest('/v1/batch', { batch: [{ type: 'page', userId: 'cy', name: 'Home', properties: { utm_source: 'ads' }, timestamp: at(12) }, { type: 'track', userId: 'cy', event: 'login', timestamp: at(13) }] });
    const channels = async () => (await t.send('GET', '/api/analytics/channels')).body;
    expect(await channels()).toMatchObject({ channels: [{ channel: 'newsletter', customers: 1 }] });
    // Backfilled history: an earlier event naming a channel moves both back.
    await t.ingest('/v1/batch', { batch: [{ type: 'page', userId: 'cy', name: 'Home', properties: { utm_source: 'google' }, timestamp: at(2) }] });
    expect(await channels()).toMatchObject({ channels: [{ channel: 'google', customers: 1 }] });
    const facts = await t.db.prepare('SELECT first_seen_at AS firstSeenAt, channel FROM customer_facts WHERE customer_id = ?').get('cy');
    expect(facts).toEqual({ firstSeenAt: at(2), channel: 'google' });
  });

  it('judge a goal condition by the customer the event found, though a stage rule moved them on in the same batch before it was counted', async () => {
    expect((await t.send('PUT', '/api/lifecycle/stages', { stages: ['trial', 'paying'], rules: [{ kind: 'event', event: 'purchase', to: 'paying' }] })).status).toBe(200);
    await t.ingest('/v1/identify', { userId: 'ann', traits: { lifecycleStage: 'trial' } });
    const ids = await publishWithGoal('Trial to paid', 'purchase', { match: 'all', conditions: [{ kind: 'stage', op: 'in', value: ['trial'] }] });
    await startRun(ids, 'ann', new Date(Date.now() - 3_600_000).toISOString());
    await t.ingest('/v1/track', { userId: 'ann', event: 'purchase', properties: { revenue: 20 } });
    expect(await summaryRow('Trial to paid')).toMatchObject({ entered: 1, converted: 1 });
    expect((await t.send('GET', '/api/customers/ann')).body.customer.lifecycleStage).toBe('paying');
  });
});
