import { join } from 'node:path';
import { journeyClient } from '../tests/e2e/journeyClient';
import { freePort, startApiProcess, startMailCatcherProcess, startTemporalDevServer, startWorkerProcess, tempDir, type CaughtMessage } from '../tests/support/processes';
import { childPid } from './memoryProbe';

const WRITE_KEY = 'wk_bench_e2e_0123456789abcdef';
const ADMIN = { email: 'bench@bench.test', password: 'bench-password-0123456789' };

/**
 * The whole platform as real processes for a bench (Temporal dev server on a SQLite file, the project's mail catcher on
 * loopback, the worker, the API), with the API's ingest rate limit out of the way so the bench sets the rate.
 * `apiEnv` adds to the API's environment (e.g. NODE_OPTIONS=--cpu-prof).
 */
export async function startBenchPlatform(options: { apiEnv?: NodeJS.ProcessEnv; workerEnv?: NodeJS.ProcessEnv } = {}) {
  const dir = tempDir('lifecycle-bench-e2e-');
  const [temporal, mail] = await Promise.all([startTemporalDevServer({ dbFile: join(dir, 'temporal.db') }), startMailCatcherProcess({ file: join(dir, 'mail.jsonl') })]);
  const [workerHealthPort, apiPort] = [String(await freePort()), String(await freePort())];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env: NodeJS.ProcessEnv = {
    DATABASE_PATH: join(dir, 'lifecycle.db'),
    TEMPORAL_ADDRESS: temporal.address,
    SMTP_URL: mail.smtpUrl,
    TRACKING_SECRET: 'bench-tracking-secret-0123456789abcdef',
    PUBLIC_URL: apiUrl,
  };
  const [api, worker] = await Promise.all([
    startApiProcess({
      ...env,
      API_PORT: apiPort,
      WRITE_KEY,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      INGEST_RATE_PER_SECOND: '1000000',
      INGEST_BURST: '1000000',
      ...options.apiEnv,
    }),
    startWorkerProcess({ ...env, WORKER_HEALTH_PORT: workerHealthPort, ...options.workerEnv }),
  ]);
  const client = journeyClient(api.url, WRITE_KEY, ADMIN);
  const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;

  return {
    dir,
    temporal,
    api,
    worker,
    client,
    pids: { api: childPid('apps/api/src/main.ts'), worker: childPid('apps/worker/src/main.ts'), temporal: childPid('start-dev') },
    /**
     * POST /v1/batch; throws on anything but 200. A connection reset is retried (twice): after a pause the client may
     * reuse a keep-alive socket the server has just closed, and a resent batch is de-duplicated by message id.
     */
    async batch(messages: unknown[]): Promise<void> {
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await fetch(`${api.url}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch: messages }) });
          if (!response.ok) throw new Error(`/v1/batch: ${response.status} ${await response.text()}`);
          return;
        } catch (error) {
          const reset = error instanceof TypeError && (error.cause as { code?: string } | undefined)?.code === 'ECONNRESET';
          if (!reset || attempt >= 2) throw error;
        }
      }
    },
    /** How many messages the catcher holds (cheap: its /health). */
    async caughtCount(): Promise<number> {
      return ((await (await fetch(`${mail.httpUrl}/health`)).json()) as { messages: number }).messages;
    },
    async caught(): Promise<CaughtMessage[]> {
      return ((await (await fetch(`${mail.httpUrl}/messages`)).json()) as { messages: CaughtMessage[] }).messages;
    },
    async stop(): Promise<void> {
      for (const process of [worker, api, mail, temporal]) await process.stop().catch(() => undefined);
    },
  };
}

export type BenchPlatform = Awaited<ReturnType<typeof startBenchPlatform>>;

/** trigger on `event` (a run per event) → send `templateId` → exit, created and published through the API. */
export async function publishSendJourney(platform: BenchPlatform, event: string, subject: string): Promise<string> {
  const template = await platform.client.createTemplate(`Bench ${event}`, subject, '<p>Hello {{ customer.id }} <a href="https://example.com/x">x</a></p>');
  const draft = {
    nodes: [
      { id: 'trigger', type: 'trigger', event, reentry: { policy: 'always' } },
      { id: 'send', type: 'send_email', templateId: template.id },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
  const journey = await platform.client.call<{ id: string }>('POST', '/api/journeys', { name: `Bench ${event}`, draft });
  await platform.client.call('POST', `/api/journeys/${journey.id}/publish`);
  return journey.id;
}

/** Customers `prefix0…` with an email address each, identified in batches of 500. */
export async function identifyCustomers(platform: BenchPlatform, prefix: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => ({ type: 'identify', userId: `${prefix}${start + i}`, traits: { email: `${prefix}${start + i}@bench.test` } }));
    await platform.batch(batch);
  }
}
