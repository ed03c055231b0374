import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresApp } from '../../packages/db/src/access/openPostgresApp';
import { startPostgresCluster, type PostgresCluster } from '../../packages/db/src/testing/postgresCluster';
import { startApiProcess } from '../support/processes';
import { startPlatform, type Platform } from './platform';
import { publishSentinelJourney, SENTINEL_SUBJECT } from './sentinel';
import { oneEmailJourney } from './oneEmailJourney';

describe('the platform with its app data on Postgres (DATABASE_URL)', () => {
  let cluster: PostgresCluster;
  let databaseUrl: string;
  let platform: Platform;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    databaseUrl = await cluster.createDatabase('platform');
    platform = await startPlatform({ timeScale: 1, databaseUrl });
  });
  afterAll(async () => {
    await platform?.stop();
    cluster?.stop();
  });

  async function publish(name: string, draft: unknown): Promise<string> {
    const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name, draft });
    await platform.client.call('POST', `/api/journeys/${journey.id}/publish`);
    return journey.id;
  }

  it('runs journeys end to end from events, segments and stages, keeps everything in Postgres and nothing in a local file', async () => {
    const { call } = platform.client;
    const segment = await call<{ id: string }>('POST', '/api/segments', { name: 'Pro plan', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } });
    const proMail = await platform.client.createTemplate('Pro welcome', 'Welcome to Pro, {{ customer.id }}', '<p>You are on Pro now.</p>');
    const loyalMail = await platform.client.createTemplate('Thanks', 'Thanks for your first purchase', '<p>Thank you!</p>');
    await publish('Pro onboarding', oneEmailJourney('segment_entered', 'segmentId', segment.id, proMail.id));
    const stageJourney = await publish('First purchase', oneEmailJourney('stage_entered', 'stage', 'retention', loyalMail.id));

    await platform.client.identify('ada', { email: 'ada@example.com', plan: 'free', name: 'Ada' });
    await platform.client.identify('ada', { plan: 'pro' });
    const pro = await platform.waitForMail('ada@example.com', /^Welcome to Pro, ada$/);
    expect(pro.html).toContain('You are on Pro now.');
    await platform.client.track('ada', 'purchase', { total: 42 });
    await platform.waitForMail('ada@example.com', /^Thanks for your first purchase$/);
    expect((await platform.client.runsOf(stageJourney)).runs.map((run) => run.customerId)).toEqual(['ada']);

    const profile = await call<{ customer: { lifecycleStage: string; traits: Record<string, unknown> }; segments: { name: string }[] }>('GET', '/api/customers/ada');
    expect(profile.customer).toMatchObject({ lifecycleStage: 'retention', traits: { plan: 'pro', name: 'Ada', email: 'ada@example.com' } });
    expect(profile.segments.map((s) => s.name)).toEqual(['Pro plan']);

    // Each email once, and a customer outside the segment gets neither (the sentinel proves bob's events were handled).
    const passSentinel = await publishSentinelJourney(platform);
    await platform.client.identify('bob', { email: 'bob@example.com', plan: 'free' });
    await passSentinel('bob', 'bob@example.com');
    expect((await platform.inbox('bob@example.com')).map((message) => message.subject)).toEqual([SENTINEL_SUBJECT]);
    expect((await platform.inbox('ada@example.com')).map((message) => message.subject)).toEqual(['Welcome to Pro, ada', 'Thanks for your first purchase']);

    // The rows are Postgres's, and neither process made the SQLite file it would use without DATABASE_URL.
    const db = await openPostgresApp(databaseUrl);
    try {
      expect(await db.prepare('SELECT id FROM customers ORDER BY id').pluck().all()).toEqual(['ada', 'bob']);
      expect(await db.prepare("SELECT count(*) FROM deliveries WHERE status = 'sent'").pluck().get()).toBe(3);
    } finally {
      await db.close();
    }
    expect(existsSync(join(platform.dir, 'lifecycle.db'))).toBe(false);
  });

  it('serves the same data from a second API process started on the same database', async () => {
    const second = await startApiProcess({ ...platform.env, API_PORT: undefined });
    try {
      const response = await fetch(`${second.url}/v1/identify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${platform.env.WRITE_KEY}:`).toString('base64')}` },
        body: JSON.stringify({ userId: 'cyd', traits: { email: 'cyd@example.com', plan: 'pro' } }),
      });
      expect(response.status).toBe(200);
      // Written through the second API, read through the first; cyd enters the segment and gets its email.
      const cyd = await platform.client.call<{ customer: { traits: Record<string, unknown> } }>('GET', '/api/customers/cyd');
      expect(cyd.customer.traits).toMatchObject({ plan: 'pro' });
      await platform.waitForMail('cyd@example.com', /^Welcome to Pro, cyd$/);
    } finally {
      await second.stop();
    }
  });
});
