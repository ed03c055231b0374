import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simpleDraft } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

async function track(userId: string, event: string, properties: Record<string, unknown> = {}, timestamp?: string) {
  const answer = await t.ingest('/v1/track', { userId, event, properties, ...(timestamp ? { timestamp } : {}) });
  expect(answer.status).toBe(200);
  await t.dispatcher.idle();
}

/** A win-back journey: enters on `visited_pricing` only for customers who have not purchased over 50 in the last 30 days. */
async function publishWinBack() {
  const template = await t.send('POST', '/api/templates', { name: 'Come back', subject: 'We miss you', html: '<p>Hi</p>' });
  const draft = simpleDraft(template.body.id, 'visited_pricing', { policy: 'always' });
  const trigger = {
    ...draft.nodes[0],
    conditions: { match: 'all', conditions: [{ kind: 'event', event: 'purchase', op: 'not_happened', within: { amount: 30, unit: 'days' }, where: [{ path: 'amount', op: 'gt', value: 50 }] }] },
  };
  const journey = await t.send('POST', '/api/journeys', { name: 'Win back', draft: { ...draft, nodes: [trigger, ...draft.nodes.slice(1)] } });
  const version = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
  expect(version.status).toBe(201);
}

describe('a trigger filter on event history, checked at entry', () => {
  it('enters customers without a recent large purchase, and not those with one', async () => {
    await publishWinBack();
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await track('recent_big', 'purchase', { amount: 80 }, daysAgo(3));
    await track('recent_small', 'purchase', { amount: 20 }, daysAgo(3));
    await track('old_big', 'purchase', { amount: 80 }, daysAgo(45));
    for (const customer of ['recent_big', 'recent_small', 'old_big', 'never']) await track(customer, 'visited_pricing');
    expect(t.temporal.started.map((run) => run.input.customerId).sort()).toEqual(['never', 'old_big', 'recent_small']);
  });

  it('refuses to publish a trigger whose email rule names a send step (there is no run yet)', async () => {
    const draft = simpleDraft('tpl', 'visited_pricing');
    const trigger = { ...draft.nodes[0], conditions: { match: 'all', conditions: [{ kind: 'email', action: 'opened', op: 'happened', sendNodeId: 'send' }] } };
    const journey = await t.send('POST', '/api/journeys', { name: 'Bad', draft: { ...draft, nodes: [trigger, ...draft.nodes.slice(1)] } });
    const version = await t.send('POST', `/api/journeys/${journey.body.id}/publish`);
    expect(version.status).toBe(422);
    expect(version.text).toContain('has no email of this run');
  });
});
