import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHealthy } from '../../scripts/childProcess';
import { devServerArgs, temporalIsHealthy } from '../../scripts/temporalDevServer';
import { temporalCliPath } from '../../scripts/temporalBinaries';
import { queryPostgres } from '../../packages/db/src/testing/postgresCluster';
import { hostPostgres } from '../support/hostPostgres';
import { createNetwork, hostEntry, namespacesAvailable, type Host, type Network } from '../support/network';
import { launchProcess, prebuiltWorkflows, waitFor, type CaughtMessage, type TestProcess } from '../support/processes';
import { dispatchRole, publishActivationJourney } from './activationJourney';
import { journeyClient } from './journeyClient';
import { E2E_ADMIN } from './platform';

// The platform on four hosts of one network (a namespace each, joined by a switch): PostgreSQL with the app data,
// Temporal and the mail server on `infra`, an API on `api1` and another on `api2`, the worker on `worker`. Every
// connection between them goes over the network, by address, and each host's processes run in a folder of its own:
// the hosts share no file, and at the end no host's folder holds a SQLite database but Temporal's own. Mid-journey the
// worker's cable is pulled and the dispatching API is killed: once the cable is back every customer has each email
// once, nothing lost, and the rows that say so are Postgres's.

const available = await namespacesAvailable();
const WRITE_KEY = 'wk_hosts_test_key_0123456789';
const TRACKING_SECRET = 'hosts-tracking-secret-0123456789abcdef';

describe.skipIf(!available)('the platform on four hosts', () => {
  let network: Network;
  const processes: { name: string; process: TestProcess }[] = [];
  let infra: Host;
  let worker: Host;
  let apis: { host: Host; url: string; process: TestProcess; client: ReturnType<typeof journeyClient> }[];
  const pool = Array.from({ length: 20 }, (_, index) => `NET-${String(index).padStart(3, '0')}`);
  let mailUrl: string;
  let databaseUrl: string;
  let journeyId: string;

  async function start(host: Host, launch: Parameters<typeof launchProcess>[0]): Promise<TestProcess> {
    const started = await launchProcess(host.runs(launch));
    processes.push({ name: `${launch.name} on ${host.name}`, process: started });
    return started;
  }

  beforeAll(async () => {
    network = await createNetwork(['infra', 'api1', 'api2', 'worker']);
    ({ infra, worker } = network.hosts as Record<string, Host> & { infra: Host; worker: Host });
    const cli = temporalCliPath();
    if (!cli) throw new Error('no temporal CLI: run `node --import tsx scripts/temporalBinaries.ts` or set TEMPORAL_CLI');
    // Temporal listens on every address of its host: bound to one, its own services dial each other on 127.0.0.1 and fail.
    const temporalAddress = `${infra.address}:7233`;
    mailUrl = `http://${infra.address}:1080`;
    const postgres = hostPostgres(infra);
    await Promise.all([
      start(infra, postgres.launch),
      start(infra, { name: 'temporal', command: cli, args: devServerArgs({ dbFile: join(infra.dir, 'temporal.db'), port: 7233, headless: true, ip: '0.0.0.0' }), ready: () => temporalIsHealthy(cli, temporalAddress) }),
      start(infra, {
        name: 'mail',
        ...hostEntry('scripts/mail-catcher.ts'),
        env: { MAIL_CATCHER_HOST: infra.address, MAIL_CATCHER_SMTP_PORT: '1025', MAIL_CATCHER_HTTP_PORT: '1080', MAIL_CATCHER_FILE: join(infra.dir, 'mail.jsonl') },
        ready: () => isHealthy(`${mailUrl}/health`),
      }),
    ]);
    databaseUrl = await postgres.createAppDatabase('lifecycle');
    // The app data is on `infra`, reached by address; a DATABASE_PATH this test process inherited is not passed on.
    const shared = { NODE_ENV: 'test', DATABASE_URL: databaseUrl, DATABASE_PATH: undefined, TEMPORAL_ADDRESS: temporalAddress, TRACKING_SECRET };
    const api1 = network.hosts.api1!;
    const apiEnv = {
      ...shared,
      API_PORT: '3000',
      PUBLIC_URL: `http://${api1.address}:3000`,
      WRITE_KEY,
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      MAIL_CATCHER_URL: mailUrl,
      WORKER_HEALTH_URL: `http://${worker.address}:3001/health`,
      DISPATCH_LEASE_MS: '3000',
    };
    const startApi = async (host: Host) => {
      const url = `http://${host.address}:3000`;
      const started = await start(host, { name: host.name, ...hostEntry('apps/api/src/main.ts'), env: apiEnv, ready: () => isHealthy(`${url}/health`) });
      return { host, url, process: started, client: journeyClient(url, WRITE_KEY, E2E_ADMIN) };
    };
    // The first API migrates the new database and creates the admin; the second and the worker find both done.
    const first = await startApi(api1);
    const [second] = await Promise.all([
      startApi(network.hosts.api2!),
      start(worker, {
        name: 'worker',
        ...hostEntry('apps/worker/src/main.ts'),
        env: { ...prebuiltWorkflows(), ...shared, SMTP_URL: `smtp://${infra.address}:1025`, PUBLIC_URL: `http://${api1.address}:3000`, WORKER_HEALTH_PORT: '3001' },
        ready: () => isHealthy(`http://${worker.address}:3001/health`),
      }),
    ]);
    apis = [first, second];

    journeyId = await publishActivationJourney(first.client, 'Activation over the network', pool);
  });

  afterAll(async () => {
    await worker?.mend().catch(() => undefined);
    for (const started of processes.reverse()) await started.process.stop().catch(() => undefined);
    await network?.remove();
  });

  const messages = async () => ((await (await fetch(`${mailUrl}/messages`)).json()) as { messages: CaughtMessage[] }).messages;

  /** The end of every process's output, for a failure's message. */
  const logs = () => processes.map(({ name, process }) => `--- ${name}\n${process.logs().slice(-3000)}`).join('\n');

  it('runs journeys across hosts, and loses nothing when the worker is cut off and the dispatching API dies', async () => {
    await crossHosts().catch((error: Error) => {
      throw new Error(`${error.message}\n${logs()}`);
    });
  });

  async function crossHosts() {
    const customers = Array.from({ length: 8 }, (_, index) => `host${index}`);
    const [api1] = apis;
    for (const id of customers) await api1!.client.identify(id, { email: `${id}@example.com` });
    await Promise.all(customers.map((id) => api1!.client.track(id, 'signed_up')));
    // The worker (on its own host) took each run to the wait: Temporal and the database reached it over the network.
    await waitFor(async () => {
      const { runs } = await api1!.client.runsOf(journeyId);
      return runs.length === customers.length && runs.every((run) => run.currentNodeId === 'activated');
    }, { timeoutMs: 90_000, intervalMs: 500, description: 'every run waiting for its activation' });

    await worker.cut();
    const roles = await Promise.all(apis.map((api) => dispatchRole(api.url)));
    const doomed = apis[roles.indexOf('dispatching')]!;
    const survivor = apis[roles.indexOf('standby')]!;
    // Activations arrive at the dispatching API, which is killed as soon as they are stored: the other dispatches them.
    await Promise.all(customers.map((id) => doomed.client.track(id, 'activated')));
    await doomed.process.kill9();
    await waitFor(async () => (await dispatchRole(survivor.url)) === 'dispatching', { timeoutMs: 60_000, description: 'the other API to take over dispatch' });
    expect((await messages()).filter((message) => message.subject.startsWith('Welcome aboard'))).toEqual([]); // the worker cannot send while cut off
    await worker.mend();

    const welcomes = await waitFor(async () => {
      const found = (await messages()).filter((message) => message.subject.startsWith('Welcome aboard'));
      return new Set(found.flatMap((message) => message.to)).size === customers.length ? found : undefined;
    }, { timeoutMs: 120_000, intervalMs: 500, description: 'a welcome email for every customer once the worker is back' });
    // Once each: give a doubled send its chance to arrive, by waiting until every run is completed.
    await waitFor(async () => {
      const { runs } = await survivor.client.runsOf(journeyId);
      return runs.length === customers.length && runs.every((run) => run.status === 'completed');
    }, { timeoutMs: 60_000, intervalMs: 500, description: 'every run completed' });
    const final = (await messages()).filter((message) => message.subject.startsWith('Welcome aboard'));
    expect(final.map((message) => message.subject).sort()).toEqual(customers.map((id) => `Welcome aboard, ${id}`).sort());
    expect(welcomes.length).toBeLessThanOrEqual(final.length);
    const codes = final.map((message) => /NET-\d{3}/.exec(message.html ?? '')?.[0]);
    expect(new Set(codes).size).toBe(customers.length);
    for (const code of codes) expect(pool).toContain(code);

    // What the emails say is what Postgres holds, read over the network: each customer, the one delivery sent to them
    // and the pool code they were mailed, granted to them alone.
    const mailedCode = new Map(final.map((message) => [message.to[0], /NET-\d{3}/.exec(message.html ?? '')?.[0]]));
    expect(await queryPostgres(databaseUrl, 'SELECT id FROM customers ORDER BY id')).toEqual(customers.map((id) => ({ id })));
    const deliveries = await queryPostgres(databaseUrl, 'SELECT customer_id, status, subject FROM deliveries ORDER BY customer_id');
    expect(deliveries).toEqual(customers.map((id) => ({ customer_id: id, status: 'sent', subject: `Welcome aboard, ${id}` })));
    const granted = await queryPostgres(databaseUrl, 'SELECT customer_id, code FROM offer_codes WHERE granted_at IS NOT NULL ORDER BY customer_id');
    expect(granted).toEqual(customers.map((id) => ({ customer_id: id, code: mailedCode.get(`${id}@example.com`) })));

    // No app database in a file: the only SQLite database in any host's folder is Temporal's, on `infra`.
    const temporalDb = join(infra.dir, 'temporal.db');
    const found = Object.values(network.hosts).flatMap((host) => sqliteFiles(host.dir));
    expect(found).toContain(temporalDb); // the search finds a SQLite database where there is one
    expect(found.filter((file) => !file.startsWith(temporalDb))).toEqual([]);
  }
});

/** The files under `dir` that are SQLite databases (by their header) or named like one or its journal. */
function sqliteFiles(dir: string): string[] {
  const header = Buffer.from('SQLite format 3\0');
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => /\.(db|sqlite3?)(-wal|-shm|-journal)?$/.test(file) || startsWith(file, header));
}

function startsWith(file: string, bytes: Buffer): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(bytes.length);
    return readSync(fd, head, 0, bytes.length, 0) === bytes.length && head.equals(bytes);
  } finally {
    closeSync(fd);
  }
}
