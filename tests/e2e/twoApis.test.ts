import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, startWorkerProcess, waitFor, type ApiProcess, type WorkerProcess } from '../support/processes';
import { dispatchRole, publishActivationJourney } from './activationJourney';
import { journeyClient } from './journeyClient';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';

// Two API processes and two workers on one database and one Temporal. A customer's signup reaches one API and their
// activation the other, a moment later: the activation must reach the run the signup started (one process dispatches,
// in each customer's order); whichever worker takes a step grants the offer from one pool of codes and sends. Then the dispatching API
// and a worker are killed mid-journey: the others take over, nothing is lost, nothing is sent or granted twice.

const LEASE_MS = '3000';

describe('two API processes and two workers share one database', () => {
  let platform: Platform;
  let second: ApiProcess;
  let secondWorker: WorkerProcess;
  const pool = Array.from({ length: 40 }, (_, index) => `POOL-${String(index).padStart(3, '0')}`);
  let apis: { url: string; client: ReturnType<typeof journeyClient>; process: ApiProcess }[];

  beforeAll(async () => {
    platform = await startPlatform({ timeScale: 1, apiEnv: { DISPATCH_LEASE_MS: LEASE_MS } });
    const { WORKER_HEALTH_PORT: _taken, ...workerEnv } = platform.workerEnv;
    [second, secondWorker] = await Promise.all([startApiProcess({ ...platform.env, DISPATCH_LEASE_MS: LEASE_MS }), startWorkerProcess(workerEnv)]);
    const writeKey = String(platform.env.WRITE_KEY);
    apis = [platform.api, second].map((process) => ({ url: process.url, process, client: journeyClient(process.url, writeKey, E2E_ADMIN) }));

    await publishActivationJourney(apis[0]!.client, 'Activation', pool);
  });
  afterAll(async () => {
    await secondWorker?.stop().catch(() => undefined);
    await second?.stop().catch(() => undefined);
    await platform?.stop();
  });

  /** Events in the shared database file, and those not yet dispatched (read straight from the file). */
  function storedEvents(): { all: number; undispatched: number } {
    const db = new Database(String(platform.env.DATABASE_PATH), { readonly: true });
    try {
      return db.prepare('select count(*) as "all", count(*) filter (where dispatched_at is null) as undispatched from events').get() as { all: number; undispatched: number };
    } finally {
      db.close();
    }
  }
  /** One unlabelled counter from a process's /metrics (0 when absent). */
  async function metric(url: string, name: string): Promise<number> {
    const text = await (await fetch(`${url}/metrics`)).text();
    const line = text.split('\n').find((row) => row.startsWith(`${name} `));
    return line ? Number(line.split(' ')[1]) : 0;
  }

  /** Each customer's mail once every one of them has a welcome: subjects, oldest first. */
  async function mailOnceWelcomed(customers: string[]) {
    await waitFor(
      async () => {
        const inboxes = await Promise.all(customers.map((id) => platform.inbox(`${id}@example.com`)));
        return inboxes.every((inbox) => inbox.some((message) => message.subject.startsWith('Welcome aboard'))) || undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500, description: `a welcome email for each of ${customers.join(', ')}` },
    );
    return Object.fromEntries(await Promise.all(customers.map(async (id) => [id, (await platform.inbox(`${id}@example.com`)).map((message) => message.subject)])));
  }

  /** The pool code in each customer's welcome email. */
  async function codesOf(customers: string[]): Promise<string[]> {
    return Promise.all(
      customers.map(async (id) => {
        const welcome = (await platform.inbox(`${id}@example.com`)).find((message) => message.subject.startsWith('Welcome aboard'));
        return /POOL-\d{3}/.exec(welcome?.html ?? '')?.[0] ?? `no code for ${id}`;
      }),
    );
  }
  const granted = new Set<string>();
  /** Codes are from the pool, one per customer, never one granted before. */
  async function expectFreshCodes(customers: string[]) {
    const codes = await codesOf(customers);
    for (const code of codes) expect(pool).toContain(code);
    expect(new Set([...codes, ...granted]).size).toBe(codes.length + granted.size);
    for (const code of codes) granted.add(code);
  }

  it('dispatches each event once, in each customer’s order, whichever API stored it', async () => {
    const customers = Array.from({ length: 10 }, (_, index) => `early${index}`);
    await Promise.all(
      customers.map(async (id) => {
        await apis[0]!.client.identify(id, { email: `${id}@example.com` });
        await apis[0]!.client.track(id, 'signed_up');
        await apis[1]!.client.track(id, 'activated');
      }),
    );
    const mail = await mailOnceWelcomed(customers);
    expect(mail).toEqual(Object.fromEntries(customers.map((id) => [id, [`Welcome aboard, ${id}`]])));
    await expectFreshCodes(customers);
    expect((await Promise.all(apis.map((api) => dispatchRole(api.url)))).sort()).toEqual(['dispatching', 'standby']);
    // Over both processes each stored event was dispatched once: the API's events and those the platform stored itself.
    const total = async (name: string) => (await Promise.all(apis.map((api) => metric(api.url, name)))).reduce((sum, value) => sum + value, 0);
    expect(await total('lifecycle_events_ingested_total')).toBe(30); // an identify, a signup and an activation each
    const stored = await waitFor(() => { const rows = storedEvents(); return rows.undispatched === 0 ? rows : undefined; }, { timeoutMs: 30_000, description: 'every stored event dispatched' });
    expect(await total('lifecycle_events_dispatched_total')).toBe(stored.all);
  });

  it('keeps a sign-in made on one process valid on the other (sessions live in the database)', async () => {
    const signIn = await fetch(`${apis[0]!.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(E2E_ADMIN) });
    expect(signIn.status).toBe(200);
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const session = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const journeys = await fetch(`${apis[1]!.url}/api/journeys`, { headers: session });
    expect(journeys.status).toBe(200);
    expect(((await journeys.json()) as { journeys: { name: string }[] }).journeys.map((journey) => journey.name)).toContain('Activation');
    // A write made with that session on the other process (the CSRF token travels with it).
    const template = await fetch(`${apis[1]!.url}/api/templates`, { method: 'POST', headers: session, body: JSON.stringify({ name: 'Made elsewhere', subject: 'Hi', html: '<p>Hi</p>' }) });
    expect(template.status).toBe(201);
  });

  it('loses nothing when the dispatching API and a worker are killed mid-journey: the others take over', async () => {
    const roles = await Promise.all(apis.map((api) => dispatchRole(api.url)));
    const doomed = apis[roles.indexOf('dispatching')]!;
    const survivor = apis[roles.indexOf('standby')]!;
    const customers = Array.from({ length: 10 }, (_, index) => `late${index}`);
    // Signups stored by the dispatching API, which dies the moment they are answered (some not yet dispatched).
    for (const id of customers) await doomed.client.identify(id, { email: `${id}@example.com` });
    await Promise.all(customers.map((id) => doomed.client.track(id, 'signed_up')));
    await Promise.all([doomed.process.kill9(), platform.worker.kill9()]);
    await Promise.all(customers.map((id) => survivor.client.track(id, 'activated')));

    const mail = await mailOnceWelcomed(customers);
    expect(mail).toEqual(Object.fromEntries(customers.map((id) => [id, [`Welcome aboard, ${id}`]])));
    await expectFreshCodes(customers);
    expect(await dispatchRole(survivor.url)).toBe('dispatching');
    const runs = (await survivor.client.call<{ runs: { customerId: string }[] }>('GET', '/api/runs?limit=200')).runs;
    expect(runs.filter((run) => run.customerId.startsWith('late')).map((run) => run.customerId).sort()).toEqual([...customers].sort());
  });
});
