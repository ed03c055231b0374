import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, tempDir, waitFor, type ApiProcess } from '../support/processes';
import { appDatabase, type ProcessDatabase } from './appDatabase';
import { journeyClient } from './journeyClient';
import { E2E_ADMIN } from './platform';

const WRITE_KEY = 'wk_clients_test_key_0123456789';

/** Segment-made client libraries, unchanged, pointed at a real API process. */
describe('Segment client libraries against our API', () => {
  let api: ApiProcess;
  let client: ReturnType<typeof journeyClient>;
  let database: ProcessDatabase | undefined;

  beforeAll(async () => {
    database = await appDatabase(tempDir());
    api = await startApiProcess({
      NODE_ENV: 'test', ...database.env, TEMPORAL_ADDRESS: '127.0.0.1:1', WRITE_KEY,
      TRACKING_SECRET: 'clients-tracking-secret-0123456789', ADMIN_EMAIL: E2E_ADMIN.email, ADMIN_PASSWORD: E2E_ADMIN.password,
    });
    client = journeyClient(api.url, WRITE_KEY, E2E_ADMIN);
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  type Profile = { customer: { traits: Record<string, unknown> }; events: { type: string; name: string | null }[] };
  const profile = (id: string) => client.call<Profile>('GET', `/api/customers/${encodeURIComponent(id)}`);

  it('@segment/analytics-node sends every call type through /v1/batch, anonymous visitors merged on identify', async () => {
    const analytics = new Analytics({ writeKey: WRITE_KEY, host: api.url, path: '/v1/batch', flushAt: 20, flushInterval: 200, maxRetries: 1 });
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));
    analytics.page({ anonymousId: 'visitor-1', name: 'Pricing', properties: { path: '/pricing' } });
    analytics.track({ anonymousId: 'visitor-1', event: 'viewed_plan', properties: { plan: 'pro' } });
    analytics.identify({ userId: 'seg-user', anonymousId: 'visitor-1', traits: { email: 'seg@example.com', plan: 'pro' } });
    analytics.screen({ userId: 'seg-user', name: 'Home' });
    analytics.group({ userId: 'seg-user', groupId: 'acme', traits: { name: 'Acme' } });
    analytics.alias({ userId: 'seg-user', previousId: 'legacy-42' });
    analytics.track({ userId: 'seg-user', event: 'purchase', properties: { total: 10 } });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);

    const seen = await waitFor(async () => {
      const found = await profile('seg-user').catch(() => undefined);
      return found && found.events.filter((event) => event.type !== 'internal').length >= 7 ? found : undefined;
    }, { description: 'seven events for seg-user' });
    expect(seen.customer.traits).toMatchObject({ email: 'seg@example.com', plan: 'pro' });
    expect(new Set(seen.events.filter((event) => event.type !== 'internal').map((event) => event.type))).toEqual(new Set(['page', 'track', 'identify', 'screen', 'group', 'alias']));
    expect(seen.events.map((event) => event.name)).toContain('viewed_plan'); // sent while still anonymous
  });

  it('@rudderstack/rudder-sdk-node sends gzip batches that are stored', async () => {
    const { default: RudderAnalytics } = await import('@rudderstack/rudder-sdk-node');
    const rudder = new RudderAnalytics(WRITE_KEY, { dataPlaneUrl: api.url, flushAt: 5, flushInterval: 200, gzip: true, logLevel: 'error' });
    rudder.identify({ userId: 'rudder-user', traits: { email: 'rudder@example.com' } });
    rudder.track({ userId: 'rudder-user', event: 'purchase', properties: { total: 5 } });
    rudder.page({ userId: 'rudder-user', name: 'Docs' });
    await new Promise<void>((resolve) => {
      void rudder.flush(() => resolve());
    });
    const seen = await waitFor(async () => {
      const found = await profile('rudder-user').catch(() => undefined);
      return found && found.events.filter((event) => event.type !== 'internal').length >= 3 ? found : undefined;
    }, { description: 'three events for rudder-user' });
    expect(seen.customer.traits).toMatchObject({ email: 'rudder@example.com' });
  });
});
