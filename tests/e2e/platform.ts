import { join } from 'node:path';
import {
  startApiProcess,
  startMailCatcherProcess,
  startTemporalDevServer,
  startWorkerProcess,
  freePort,
  isPortClash,
  tempDir,
  waitFor,
  type CaughtMessage,
} from '../support/processes';
import type { Db } from '@lifecycle/db';
import { appDatabase, withAppDatabase } from './appDatabase';
import { journeyClient } from './journeyClient';

const WRITE_KEY = 'wk_e2e_test_key_0123456789';
/** The first admin, created by the API at boot from ADMIN_EMAIL/ADMIN_PASSWORD. */
export const E2E_ADMIN = { email: 'admin@e2e.example.com', password: 'e2e-admin-password-0123' };

export type PlatformOptions = {
  timeScale: number;
  workerEnv?: NodeJS.ProcessEnv;
  apiEnv?: NodeJS.ProcessEnv;
  smtpUrl?: string;
  withoutAdmin?: boolean;
  /**
   * The app data on this Postgres database (DATABASE_URL). Without it: a SQLite file in the platform's folder, or in a
   * run on Postgres (LIFECYCLE_TEST_DATABASE=postgres) a fresh database of the run's server, dropped by `stop`.
   */
  databaseUrl?: string;
};

/**
 * The whole platform as real processes on free ports: Temporal dev server (SQLite file), mail catcher, worker, API,
 * with the app data in a SQLite file or a Postgres database (`databaseUrl`, or every platform of a run on Postgres).
 * `timeScale` shortens every wait through configuration (JOURNEY_TIME_SCALE), never by changing the journey.
 * With `withoutAdmin`, nobody can sign in until the setup link the API logs creates the first admin.
 */
export async function startPlatform(options: PlatformOptions) {
  const dir = tempDir();
  // Independent processes start together: on a busy machine each start-up is seconds of waiting, not worth queueing.
  const [temporal, mail, database] = await Promise.all([
    startTemporalDevServer({ dbFile: join(dir, 'temporal.db') }),
    startMailCatcherProcess({ file: join(dir, 'mail.jsonl') }),
    appDatabase(dir, options.databaseUrl),
  ]);
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    ...database.env,
    TEMPORAL_ADDRESS: temporal.address,
    SMTP_URL: mail.smtpUrl,
    MAIL_CATCHER_URL: mail.httpUrl,
    TRACKING_SECRET: 'e2e-tracking-secret-0123456789abcdef',
    WRITE_KEY,
    // withoutAdmin: the API logs a one-time setup link instead of creating E2E_ADMIN.
    ...(options.withoutAdmin ? {} : { ADMIN_EMAIL: E2E_ADMIN.email, ADMIN_PASSWORD: E2E_ADMIN.password }),
    JOURNEY_TIME_SCALE: String(options.timeScale),
  };
  const { api, worker, workerEnv } = await startApiAndWorker(env, options);
  const client = journeyClient(api.url, WRITE_KEY, E2E_ADMIN);

  async function messages(): Promise<CaughtMessage[]> {
    const response = await fetch(`${mail.httpUrl}/messages`);
    return ((await response.json()) as { messages: CaughtMessage[] }).messages;
  }

  return {
    dir,
    env,
    workerEnv,
    temporal,
    mail,
    api,
    worker,
    client,
    messages,
    /** Messages to `address`, oldest first. */
    async inbox(address: string): Promise<CaughtMessage[]> {
      return (await messages()).filter((message) => message.to.includes(address)).reverse();
    },
    /** Waits until `address` has a message whose subject matches. */
    waitForMail(address: string, subject: RegExp, timeoutMs = 60_000): Promise<CaughtMessage> {
      return waitFor(async () => (await this.inbox(address)).find((message) => subject.test(message.subject)), {
        timeoutMs,
        intervalMs: 200,
        description: `a message to ${address} with subject ${subject}`,
      });
    },
    /** Runs `work` on the platform's app database, opened as its processes open it (for what no route reads or writes). */
    withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
      return withAppDatabase(env, work);
    },
    async stop(): Promise<void> {
      for (const process of [worker, api, mail, temporal]) await process.stop().catch(() => undefined);
      await database.drop();
    },
    /** Every process's output, for a failing test's message. */
    logs(): string {
      const named: [string, { logs(): string }][] = [['temporal', temporal], ['api', api], ['worker', worker]];
      return named.map(([name, p]) => `--- ${name}\n${p.logs().slice(-4000)}`).join('\n');
    },
  };
}

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

/** The open-pixel URL a mail client would fetch when the message is displayed. */
export function openPixelUrl(message: CaughtMessage): string {
  const match = /<img[^>]+src="([^"]+\/t\/o\/[^"]+)"/.exec(message.html ?? '');
  if (!match?.[1]) throw new Error(`no open pixel in message "${message.subject}"`);
  return match[1].replaceAll('&amp;', '&');
}

/**
 * The API and the worker with both ports chosen up front, so the API's dashboard and /metrics can reach the worker and
 * the worker's links point at the API, and the two (neither needs the other to boot) start together. A port taken
 * meanwhile by another process stops whichever started and picks both again (at most three times).
 */
async function startApiAndWorker(env: NodeJS.ProcessEnv, options: PlatformOptions) {
  for (let attempt = 1; ; attempt += 1) {
    const [workerHealthPort, apiPort] = [String(await freePort()), String(await freePort())];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    // `smtpUrl` points the worker at another SMTP server (e.g. one refusing mail) instead of the catcher.
    const workerEnv = { ...env, PUBLIC_URL: apiUrl, WORKER_HEALTH_PORT: workerHealthPort, ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}), ...options.workerEnv };
    const [api, worker] = await Promise.allSettled([
      startApiProcess({ ...env, API_PORT: apiPort, WORKER_HEALTH_URL: `http://127.0.0.1:${workerHealthPort}/health`, ...options.apiEnv }),
      startWorkerProcess(workerEnv),
    ]);
    if (api.status === 'fulfilled' && worker.status === 'fulfilled') return { api: api.value, worker: worker.value, workerEnv };
    for (const started of [api, worker]) if (started.status === 'fulfilled') await started.value.stop();
    const failure: unknown = api.status === 'rejected' ? api.reason : worker.status === 'rejected' ? worker.reason : undefined;
    if (attempt >= 3 || !isPortClash(failure)) throw failure;
  }
}

