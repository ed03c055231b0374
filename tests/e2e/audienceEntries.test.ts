import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';
import { publishSentinelJourney } from './sentinel';
import { waitFor } from '../support/processes';

/** Calls the API as the signed-in admin (session cookie and CSRF token, as the browser does): stages are the admin's. */
async function adminSession(baseUrl: string) {
  const signIn = await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(E2E_ADMIN) });
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const headers = { 'content-type': 'application/json', cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': csrfToken };
  return async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  };
}

type Reentry = { policy: 'once' } | { policy: 'always' } | { policy: 'cooldown'; cooldown: { amount: number; unit: 'days' } };

/** A journey that only records who entered it: trigger → exit. */
function entryJourney(trigger: Record<string, unknown>, reentry: Reentry = { policy: 'once' }) {
  return {
    nodes: [
      { id: 'start', type: 'trigger', ...trigger, reentry },
      { id: 'done', type: 'exit' },
    ],
    edges: [{ id: 'e1', source: 'start', sourceExit: 'next', target: 'done' }],
  };
}

describe('segment and stage entries, include-existing and re-entry for every kind, on real processes', () => {
  let platform: Platform;
  let passSentinel: (customerId: string, email: string) => Promise<void>;

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1 });
    passSentinel = await publishSentinelJourney(platform);
  });
  afterAll(async () => platform?.stop());

  async function publish(name: string, draft: unknown): Promise<string> {
    const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name, draft });
    await platform.client.call('POST', `/api/journeys/${journey.id}/publish`);
    return journey.id;
  }

  /** Who entered the journey, one entry per run, sorted. */
  async function entrants(journeyId: string): Promise<string[]> {
    return (await platform.client.runsOf(journeyId)).runs.map((run) => run.customerId).sort();
  }

  /** Waits until the journey's entrants are exactly `expected`. */
  async function expectEntrants(journeyId: string, expected: string[]): Promise<void> {
    const want = [...expected].sort();
    await waitFor(async () => {
      const got = await entrants(journeyId);
      return JSON.stringify(got) === JSON.stringify(want) ? got : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250, description: `entrants ${JSON.stringify(want)} of ${journeyId} (have ${JSON.stringify(await entrants(journeyId))})` });
  }

  async function customer(id: string, traits: Record<string, unknown>) {
    await platform.client.identify(id, { email: `${id}@example.com`, ...traits });
  }

  /** Every event stored for these customers so far has been through the journeys. */
  async function settled(...ids: string[]) {
    for (const id of ids) await passSentinel(id, `${id}@example.com`);
  }

  it('enters the members already in a segment once when published, and new members as they join; other journeys on the segment are not entered by it', async () => {
    const { call } = platform.client;
    const segment = await call<{ id: string }>('POST', '/api/segments', { name: 'Power users', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'power', op: 'eq', value: true }] } });
    await customer('ada', { power: true });
    await customer('bob', { power: true });
    await customer('cy', { power: false });
    await settled('ada', 'bob', 'cy');

    // Published while ada and bob are already members: neither enters these (no include-existing, or a raw trigger).
    const plain = await publish('Power plain', entryJourney({ entry: { kind: 'segment', segmentId: segment.id, on: 'entered', includeExisting: false } }, { policy: 'always' }));
    const legacy = await publish('Power legacy', entryJourney({ event: 'segment_entered', conditions: { match: 'all', conditions: [{ source: 'event', path: 'segmentId', op: 'eq', value: segment.id }] } }, { policy: 'always' }));
    // `always`, so only the backfill's own once-per-member rule keeps a second publish from entering them again.
    const existing = await publish('Power existing', entryJourney({ entry: { kind: 'segment', segmentId: segment.id, on: 'entered', includeExisting: true } }, { policy: 'always' }));
    await expectEntrants(existing, ['ada', 'bob']);

    await call('POST', `/api/journeys/${existing}/publish`);
    await settled('ada', 'bob', 'cy');
    expect(await entrants(existing)).toEqual(['ada', 'bob']);
    expect(await entrants(plain)).toEqual([]);
    expect(await entrants(legacy)).toEqual([]);

    await customer('dan', { power: true });
    await expectEntrants(existing, ['ada', 'bob', 'dan']);
    await expectEntrants(plain, ['dan']);
    await expectEntrants(legacy, ['dan']);
    const events = await call<{ events: { name: string; properties: Record<string, unknown> }[] }>('GET', '/api/customers/ada/events');
    expect(events.events.filter((event) => event.name === 'segment_entered').map((event) => event.properties)).toContainEqual(expect.objectContaining({ journeyId: existing, backfill: true }));
  });

  it('applies once, always and cooldown to a segment left and entered again, and enters exit journeys on leaving', async () => {
    const segment = await platform.client.call<{ id: string }>('POST', '/api/segments', { name: 'Trialing', definition: { match: 'all', conditions: [{ kind: 'trait', path: 'trial', op: 'eq', value: true }] } });
    const entered = { entry: { kind: 'segment', segmentId: segment.id, on: 'entered', includeExisting: false } };
    const once = await publish('Trial once', entryJourney(entered, { policy: 'once' }));
    const always = await publish('Trial always', entryJourney(entered, { policy: 'always' }));
    const cooldown = await publish('Trial cooldown', entryJourney(entered, { policy: 'cooldown', cooldown: { amount: 1, unit: 'days' } }));
    const left = await publish('Trial left', entryJourney({ entry: { kind: 'segment', segmentId: segment.id, on: 'exited', includeExisting: false } }, { policy: 'always' }));

    await customer('fay', { trial: true });
    await expectEntrants(always, ['fay']);
    await customer('fay', { trial: false });
    await expectEntrants(left, ['fay']);
    await customer('fay', { trial: true });
    await expectEntrants(always, ['fay', 'fay']);
    await settled('fay');
    expect(await entrants(once)).toEqual(['fay']);
    expect(await entrants(cooldown)).toEqual(['fay']);
    expect(await entrants(left)).toEqual(['fay']);
  });

  it('enters a customer a stage rule moves into the stage, with once, always and cooldown on leaving and reaching it again', async () => {
    const { call } = platform.client;
    const config = await call<{ stages: string[]; rules: unknown[] }>('GET', '/api/lifecycle/stages');
    const asAdmin = await adminSession(platform.api.url);
    await asAdmin('PUT', '/api/lifecycle/stages', {
      stages: config.stages,
      rules: [...config.rules, { kind: 'event', event: 'paused_plan', first: false, to: 'engagement' }, { kind: 'event', event: 'resumed_plan', first: false, to: 'retention' }],
    });
    const stage = { entry: { kind: 'stage', stage: 'retention' } };
    const once = await publish('Retention once', entryJourney(stage, { policy: 'once' }));
    const always = await publish('Retention always', entryJourney(stage, { policy: 'always' }));
    const cooldown = await publish('Retention cooldown', entryJourney(stage, { policy: 'cooldown', cooldown: { amount: 1, unit: 'days' } }));
    const other = await publish('Engagement', entryJourney({ entry: { kind: 'stage', stage: 'engagement' } }, { policy: 'always' }));

    await customer('gus', {});
    await platform.client.track('gus', 'purchase', { total: 10 }); // the default rule: first purchase → retention
    await expectEntrants(once, ['gus']);
    await platform.client.track('gus', 'paused_plan');
    await expectEntrants(other, ['gus']);
    await platform.client.track('gus', 'resumed_plan');
    await expectEntrants(always, ['gus', 'gus']);
    await settled('gus');
    expect(await entrants(once)).toEqual(['gus']);
    expect(await entrants(cooldown)).toEqual(['gus']);
    const profile = await call<{ customer: { lifecycleStage: string } }>('GET', '/api/customers/gus');
    expect(profile.customer.lifecycleStage).toBe('retention');
  });
});
