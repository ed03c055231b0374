import { join } from 'node:path';
import { journeyClient } from '../tests/e2e/journeyClient';
import {
  freePort,
  startApiProcess,
  startMailCatcherProcess,
  startTemporalDevServer,
  startWorkerProcess,
  tempDir,
  type TestProcess,
} from '../tests/support/processes';
import { childPids, cpuMeter, cpuSecondsOf, postgresCpuSeconds } from './backendsCpu';

const WRITE_KEY = 'wk_bench_backends_0123456789abcdef';
const ADMIN = { email: 'bench@bench.test', password: 'bench-password-0123456789' };
const API_ENTRY = 'apps/api/src/main.ts';
const WORKER_ENTRY = 'apps/worker/src/main.ts';

/** One set-up of the bench: where the app data lives and how many API and worker processes share it. */
export type Setup = { label: string; apis: number; workers: number; database: { DATABASE_PATH: string } | { DATABASE_URL: string } };

/**
 * A set-up as real processes: its own Temporal dev server (SQLite file) and mail catcher on loopback, `apis` API
 * processes (ingest rate limit lifted) and `workers` workers, all on one database and one Temporal server (each
 * process migrates the database at start: the first API and the workers start at once, the other APIs after).
 * `bundleFile` is the journey workflows bundled once, so workers do not bundle on start; `postmaster` is the Postgres
 * server's pid when the data is there (its CPU is counted with the set-up's).
 */
export async function startSetup(setup: Setup, bundleFile: string, postmaster?: number) {
  const dir = tempDir('lifecycle-bench-backends-');
  const [temporal, mail] = await Promise.all([
    startTemporalDevServer({ dbFile: join(dir, 'temporal.db') }),
    startMailCatcherProcess({ file: join(dir, 'mail.jsonl') }),
  ]);
  const shared: NodeJS.ProcessEnv = {
    ...setup.database,
    TEMPORAL_ADDRESS: temporal.address,
    SMTP_URL: mail.smtpUrl,
    TRACKING_SECRET: 'bench-tracking-secret-0123456789abcdef',
  };
  const before = new Set([...childPids(API_ENTRY), ...childPids(WORKER_ENTRY)]);
  const ports = await Promise.all(Array.from({ length: setup.apis }, () => freePort()));
  const publicUrl = `http://127.0.0.1:${ports[0]}`;
  const apiEnv = {
    ...shared,
    WRITE_KEY,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    INGEST_RATE_PER_SECOND: '1000000',
    INGEST_BURST: '1000000',
    PUBLIC_URL: publicUrl,
  };
  const startApi = (port: number) => startApiProcess({ ...apiEnv, API_PORT: String(port) });
  const [first, workers] = await Promise.all([
    startApi(ports[0] ?? 0),
    Promise.all(
      Array.from({ length: setup.workers }, () =>
        startWorkerProcess({ ...shared, PUBLIC_URL: publicUrl, JOURNEY_WORKFLOW_BUNDLE: bundleFile }),
      ),
    ),
  ]);
  // The other APIs once the first is up: two APIs starting at once on one database race to create the first admin
  // and the write key (each checks, then inserts), and the loser exits on the unique index.
  const apis = [first, ...(await Promise.all(ports.slice(1).map(startApi)))];
  const fresh = (entry: string) => childPids(entry).filter((pid) => !before.has(pid));
  const [apiPids, workerPids, temporalPids] = [fresh(API_ENTRY), fresh(WORKER_ENTRY), childPids('start-dev')];
  const cpu = cpuMeter({
    api: () => apiPids.map(cpuSecondsOf),
    worker: () => workerPids.map(cpuSecondsOf),
    temporal: () => temporalPids.map(cpuSecondsOf),
    ...(postmaster === undefined ? {} : { postgres: () => [postgresCpuSeconds(postmaster)] }),
    bench: () => [(process.cpuUsage().user + process.cpuUsage().system) / 1e6],
  });
  const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  const client = journeyClient(first.url, WRITE_KEY, ADMIN);

  return {
    setup,
    client,
    cpu,
    /**
     * POST /v1/batch to API `lane` modulo the APIs (batches spread over them); throws on anything but 200. A connection
     * reset is retried twice: a kept-alive socket the server has just closed; a resent batch is de-duplicated by message id.
     */
    async batch(messages: unknown[], lane: number): Promise<void> {
      const api = apis[lane % apis.length] ?? first;
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await fetch(`${api.url}/v1/batch`, {
            method: 'POST',
            headers: { authorization: auth, 'content-type': 'application/json' },
            body: JSON.stringify({ batch: messages }),
          });
          if (!response.ok) throw new Error(`/v1/batch: ${response.status} ${await response.text()}`);
          return;
        } catch (error) {
          const reset = error instanceof TypeError && (error.cause as { code?: string } | undefined)?.code === 'ECONNRESET';
          if (!reset || attempt >= 2) throw error;
        }
      }
    },
    /** A gauge of the API's /metrics (e.g. lifecycle_events_undispatched), read on the first API. */
    async gauge(name: string): Promise<number> {
      const text = await (await fetch(`${first.url}/metrics`)).text();
      const line = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
      return line ? Number(line[1]) : Number.NaN;
    },
    /** Which API holds the dispatch lease, as each API's /health says ("dispatching" / "standby"). */
    async dispatchRoles(): Promise<string[]> {
      return Promise.all(
        apis.map(async (api) => String(((await (await fetch(`${api.url}/health`)).json()) as { dispatch?: unknown }).dispatch)),
      );
    },
    /** How many messages the catcher holds. */
    async caughtCount(): Promise<number> {
      return ((await (await fetch(`${mail.httpUrl}/health`)).json()) as { messages: number }).messages;
    },
    /** Every process's output, for a failure's message. */
    logs: () => [...apis, ...workers].map((process: TestProcess) => process.logs()).join('\n'),
    async stop(): Promise<void> {
      for (const process of [...workers, ...apis, mail, temporal]) await process.stop().catch(() => undefined);
    },
  };
}

export type SetupPlatform = Awaited<ReturnType<typeof startSetup>>;
