import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from './platform';
import { publishSentinelJourney, SENTINEL_SUBJECT } from './sentinel';
import { oneEmailJourney } from './oneEmailJourney';

describe('journeys triggered by segment entry and by stage entry, on real processes', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
  });
  afterAll(async () => platform?.stop());

  async function publish(name: string, draft: unknown): Promise<string> {
    const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name, draft });
    await platform.client.call('POST', `/api/journeys/${journey.id}/publish`);
    return journey.id;
  }

  it('emails a customer when they enter a segment, and when they reach a lifecycle stage', async () => {
    const { call } = platform.client;
    const segment = await call<{ id: string }>('POST', '/api/segments', { name: 'Pro plan', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } });
    const proMail = await platform.client.createTemplate('Pro welcome', 'Welcome to Pro', '<p>You are on Pro now.</p>');
    const loyalMail = await platform.client.createTemplate('Thanks', 'Thanks for your first purchase', '<p>Thank you!</p>');
    await publish('Pro onboarding', oneEmailJourney('segment_entered', 'segmentId', segment.id, proMail.id));
    const stageJourney = await publish('First purchase', oneEmailJourney('stage_entered', 'stage', 'retention', loyalMail.id));

    await platform.client.identify('ada', { email: 'ada@example.com', plan: 'free' });
    await platform.client.identify('ada', { plan: 'pro' });
    const pro = await platform.waitForMail('ada@example.com', /^Welcome to Pro$/);
    expect(pro.html).toContain('You are on Pro now.');

    await platform.client.track('ada', 'purchase', { total: 42 });
    await platform.waitForMail('ada@example.com', /^Thanks for your first purchase$/);
    const runs = await platform.client.runsOf(stageJourney);
    expect(runs.runs.map((run) => run.customerId)).toEqual(['ada']);

    const profile = await call<{ customer: { lifecycleStage: string }; segments: { name: string }[]; stageHistory: { toStage: string }[] }>('GET', '/api/customers/ada');
    expect(profile.customer.lifecycleStage).toBe('retention');
    expect(profile.segments.map((s) => s.name)).toEqual(['Pro plan']);
    expect(profile.stageHistory.map((change) => change.toStage)).toEqual(['retention', 'acquisition']);
    // A customer outside the segment gets neither: once a later event of bob's has been through the journeys, his
    // identify has too, and the sentinel's email is all he got.
    const passSentinel = await publishSentinelJourney(platform);
    await platform.client.identify('bob', { email: 'bob@example.com', plan: 'free' });
    await passSentinel('bob', 'bob@example.com');
    expect((await platform.inbox('bob@example.com')).map((message) => message.subject)).toEqual([SENTINEL_SUBJECT]);
  });
});
