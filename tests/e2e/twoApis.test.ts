import { readdirSync } from 'node:fs';
import { openAppDatabase, type Db } from '@lifecycle/db';
import { onPostgres } from '@lifecycle/db/testing';
import { DEFAULT_LIFECYCLE } from '@lifecycle/journey';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster } from '../../packages/db/src/testing/postgresCluster';
import { startApiProcess, startWorkerProcess, waitFor, type ApiProcess, type WorkerProcess } from '../support/processes';
import { dispatchRole, publishActivationJourney } from './activationJourney';
import { apiTokenFor, journeyClient } from './journeyClient';
import { E2E_ADMIN, startPlatform, type Platform } from './platform';
import { lastSeenLongAgo, publishWinBackJourney, winBackSubject } from './winBackJourney';

// Two API processes and two workers on one database and one Temporal, on each backend: a SQLite file, and Postgres
// (DATABASE_URL, no file). A customer's signup reaches one API and their activation the other, a moment later: the
// activation must reach the run the signup started (one process dispatches, in each customer's order); whichever
// worker takes a step grants the offer from one pool of codes and sends. Customers gone quiet are moved to at_risk by
// the lifecycle sweep of one process, once. Then the dispatching API and a worker are killed mid-journey: the others
// take over, nothing is lost, nothing is sent or granted twice.

const LEASE_MS = '3000';

/** Where the app data lives: `url` for Postgres (DATABASE_URL), none for the SQLite file in the platform's folder. */
type Backend = { backend: string; database: () => Promise<{ url?: string; stop: () => void }> };

// A run on Postgres (LIFECYCLE_TEST_DATABASE=postgres) leaves the SQLite file out: its platform would be on Postgres.
const backends: Backend[] = [
  ...(onPostgres() ? [] : [{ backend: 'a SQLite file', database: async () => ({ stop: () => undefined }) }]),
  {
    backend: 'Postgres',
    database: async () => {
      const cluster = await startPostgresCluster();
      try {
        return { url: await cluster.createDatabase('two_apis'), stop: () => cluster.stop() };
      } catch (error) {
        cluster.stop();
        throw error;
      }
    },
  },
];

describe.each(backends)('two API processes and two workers share one database on $backend', ({ database }) => {
  let stopDatabase: () => void = () => undefined;
  let databaseUrl: string | undefined;
  let platform: Platform;
  let second: ApiProcess;
  let secondWorker: WorkerProcess;
  let db: Db | undefined;
  let offerId: string;
  const pool = Array.from({ length: 40 }, (_, index) => `POOL-${String(index).padStart(3, '0')}`);
  let apis: { url: string; client: ReturnType<typeof journeyClient>; process: ApiProcess }[];
  let writeKeyAuth: { authorization: string };

  beforeAll(async () => {
    ({ url: databaseUrl, stop: stopDatabase } = await database());
    platform = await startPlatform({ timeScale: 1, apiEnv: { DISPATCH_LEASE_MS: LEASE_MS }, databaseUrl });
    const { WORKER_HEALTH_PORT: _taken, ...workerEnv } = platform.workerEnv;
    [second, secondWorker] = await Promise.all([startApiProcess({ ...platform.env, DISPATCH_LEASE_MS: LEASE_MS }), startWorkerProcess(workerEnv)]);
    const writeKey = String(platform.env.WRITE_KEY);
    writeKeyAuth = { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` };
    apis = [platform.api, second].map((process) => ({ url: process.url, process, client: journeyClient(process.url, writeKey, E2E_ADMIN) }));
    // The database the processes were given, as they open it (DATABASE_URL first, else the file).
    db = await openAppDatabase({ url: databaseUrl, path: String(platform.env.DATABASE_PATH) });

    await publishActivationJourney(apis[0]!.client, 'Activation', pool);
    const { offers } = await apis[0]!.client.call<{ offers: { id: string; name: string }[] }>('GET', '/api/offers');
    offerId = offers.find((offer) => offer.name === 'Activation gift')!.id;
  });
  afterAll(async () => {
    await db?.close().catch(() => undefined);
    await secondWorker?.stop().catch(() => undefined);
    await second?.stop().catch(() => undefined);
    await platform?.stop();
    stopDatabase();
  });

  /** Events in the shared database, and those not yet dispatched. */
  async function storedEvents(): Promise<{ all: number; undispatched: number }> {
    const counts = await db!.prepare('select count(*) as "all", count(*) filter (where dispatched_at is null) as undispatched from events').get<{ all: number; undispatched: number }>();
    return counts!;
  }
  /** One unlabelled counter from a process's /metrics (0 when absent). */
  async function metric(url: string, name: string): Promise<number> {
    const text = await (await fetch(`${url}/metrics`)).text();
    const line = text.split('\n').find((row) => row.startsWith(`${name} `));
    return line ? Number(line.split(' ')[1]) : 0;
  }
  /** Subjects of every caught message to each of `customers`' addresses, oldest first. */
  async function subjectsOf(customers: readonly string[]): Promise<Record<string, string[]>> {
    const messages = (await platform.messages()).reverse();
    return Object.fromEntries(customers.map((id) => [id, messages.filter((message) => message.to.includes(`${id}@example.com`)).map((message) => message.subject)]));
  }
  /** Waits until each of `customers` has a message with `subject(customer)`; answers every customer's subjects then. */
  async function mailOnceEach(customers: readonly string[], subject: (customerId: string) => string, description: string) {
    return waitFor(
      async () => {
        const mail = await subjectsOf(customers);
        return customers.every((id) => mail[id]!.includes(subject(id))) ? mail : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500, description: `${description} for each of ${customers.join(', ')}` },
    );
  }
  const welcome = (id: string) => `Welcome aboard, ${id}`;

  /** The pool code in each customer's welcome email. */
  async function codesOf(customers: string[]): Promise<Record<string, string>> {
    const messages = await platform.messages();
    return Object.fromEntries(
      customers.map((id) => {
        const mailed = messages.find((message) => message.to.includes(`${id}@example.com`) && message.subject === welcome(id));
        return [id, /POOL-\d{3}/.exec(mailed?.html ?? '')?.[0] ?? `no code for ${id}`];
      }),
    );
  }
  const mailedCodes = new Map<string, string>(); // customer → the code their welcome email gave them
  /**
   * Codes are from the pool, one per customer, never one mailed before; and the offer's issued codes, as the API
   * lists them, are exactly the codes mailed, each to the customer who got it (a code granted to two customers at once
   * is held by one of them in the table, and the pool would have more codes left than it should).
   */
  async function expectFreshCodes(customers: string[]) {
    const codes = await codesOf(customers);
    for (const code of Object.values(codes)) expect(pool).toContain(code);
    expect(new Set([...Object.values(codes), ...mailedCodes.values()]).size).toBe(customers.length + mailedCodes.size);
    for (const [customer, code] of Object.entries(codes)) mailedCodes.set(customer, code);
    const { client } = apis[0]!; // alive in every test
    const issued = await client.call<{ codes: { code: string; customerId: string }[]; total: number }>('GET', `/api/offers/${offerId}/codes?limit=200`);
    expect(Object.fromEntries(issued.codes.map((row) => [row.customerId, row.code]))).toEqual(Object.fromEntries(mailedCodes));
    expect(issued.total).toBe(mailedCodes.size);
    expect((await client.call<{ codesLeft: number }>('GET', `/api/offers/${offerId}`)).codesLeft).toBe(pool.length - mailedCodes.size);
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
    const mail = await mailOnceEach(customers, welcome, 'a welcome email');
    expect(mail).toEqual(Object.fromEntries(customers.map((id) => [id, [welcome(id)]])));
    expect((await Promise.all(apis.map((api) => dispatchRole(api.url)))).sort()).toEqual(['dispatching', 'standby']);
    // Over both processes each stored event was dispatched once: the API's events and those the platform stored itself.
    const total = async (name: string) => (await Promise.all(apis.map((api) => metric(api.url, name)))).reduce((sum, value) => sum + value, 0);
    expect(await total('lifecycle_events_ingested_total')).toBe(30); // an identify, a signup and an activation each
    const stored = await waitFor(async () => { const rows = await storedEvents(); return rows.undispatched === 0 ? rows : undefined; }, { timeoutMs: 30_000, description: 'every stored event dispatched' });
    expect(await total('lifecycle_events_dispatched_total')).toBe(stored.all);
    await expectFreshCodes(customers);
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

  it('moves each customer gone quiet to at_risk once, though both processes run the lifecycle sweep', async () => {
    const { client } = apis[0]!;
    const winBack = await publishWinBackJourney(client);
    const admin = { authorization: `Bearer ${await apiTokenFor(apis[0]!.url, E2E_ADMIN, 'admin')}` };
    const saveRules = (rules: unknown[]) => client.call('PUT', '/api/lifecycle/stages', { stages: DEFAULT_LIFECYCLE.stages, rules }, admin);
    const rulesButInactivity = DEFAULT_LIFECYCLE.rules.filter((rule) => rule.kind !== 'inactive');
    // Customers last seen 40 days ago, stored through both APIs while no rule looks at inactivity; then the rule of
    // the default config (30 days → at_risk) is saved, and all of them are movable at the same sweep tick of both
    // processes. A sweep in each process would move each customer twice: two stage changes, two runs, two emails.
    await saveRules(rulesButInactivity);
    const quiet = Array.from({ length: 40 }, (_, index) => `quiet${index}`);
    await Promise.all(quiet.map((id, index) => apis[index % 2]!.client.call('POST', '/v1/batch', lastSeenLongAgo(id, 40), writeKeyAuth)));
    const inRetention = await client.call<{ stages: { stage: string; customers: number }[] }>('GET', '/api/lifecycle/stages/counts');
    expect(inRetention.stages.find((row) => row.stage === 'retention')?.customers).toBe(quiet.length);
    await saveRules([...rulesButInactivity, { kind: 'inactive', days: 30, to: 'at_risk', from: ['retention'] }]);
    await mailOnceEach(quiet, winBackSubject, 'a win-back email');
    // One more customer gone quiet, stored after all of those were moved: its email comes from a later sweep, after
    // which a second sweep of the same moment would long have made its changes.
    const later = 'quiet_later';
    await apis[1]!.client.call('POST', '/v1/batch', lastSeenLongAgo(later, 40), writeKeyAuth);
    await mailOnceEach([later], winBackSubject, 'a win-back email');

    const everyone = [...quiet, later];
    const mail = await subjectsOf(everyone);
    expect(mail).toEqual(Object.fromEntries(everyone.map((id) => [id, [winBackSubject(id)]])));
    expect((await client.runsOf(winBack)).runs.map((run) => run.customerId).sort()).toEqual([...everyone].sort());
    const histories = await Promise.all(everyone.map((id) => apis[1]!.client.call<{ stageHistory: { toStage: string; cause: string }[] }>('GET', `/api/customers/${id}`)));
    for (const { stageHistory } of histories) {
      expect(stageHistory.filter((change) => change.toStage === 'at_risk')).toEqual([expect.objectContaining({ cause: 'no activity for 30 days' })]);
    }
    const counts = await apis[1]!.client.call<{ stages: { stage: string; customers: number }[] }>('GET', '/api/lifecycle/stages/counts');
    expect(counts.stages.find((row) => row.stage === 'at_risk')?.customers).toBe(everyone.length);
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
    apis = [survivor];
    await Promise.all(customers.map((id) => survivor.client.track(id, 'activated')));

    const mail = await mailOnceEach(customers, welcome, 'a welcome email');
    expect(mail).toEqual(Object.fromEntries(customers.map((id) => [id, [welcome(id)]])));
    expect(await dispatchRole(survivor.url)).toBe('dispatching');
    const runs = (await survivor.client.call<{ runs: { customerId: string }[] }>('GET', '/api/runs?limit=200')).runs;
    expect(runs.filter((run) => run.customerId.startsWith('late')).map((run) => run.customerId).sort()).toEqual([...customers].sort());
    await expectFreshCodes(customers);
  });

  it('keeps the app data in the database it was given, and with DATABASE_URL none in a local file', async () => {
    expect(await db!.prepare("select count(*) from journeys where name = 'Activation'").pluck().get()).toBe(1);
    const sqliteFiles = readdirSync(platform.dir).filter((name) => name.startsWith('lifecycle.db'));
    if (databaseUrl) expect(sqliteFiles).toEqual([]);
    else expect(sqliteFiles).toContain('lifecycle.db');
  });
});
