import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHealthy, killWhenParentDies, pollUntil, spawnChild, type Child } from '../../scripts/childProcess';
import { devServerArgs, temporalIsHealthy } from '../../scripts/temporalDevServer';
import { temporalCliPath } from '../../scripts/temporalBinaries';
import { providedBundlePath } from './workflowBundle';

export { startMailCatcher } from '../../scripts/mail-catcher';
export type { CaughtMessage } from '../../scripts/mail-catcher';

/** The repository root; children run here so `node --import tsx` resolves. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A real process a test controls; `restart` reuses its ports and files. */
export type TestProcess = {
  stop(): Promise<void>;
  kill9(): Promise<void>;
  restart(): Promise<void>;
  /** Everything it printed so far (stdout and stderr interleaved). */
  logs(): string;
};

const live = new Set<Child>();
const tempDirs: string[] = [];

function killAllNow(): void {
  for (const child of live) child.process.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAllNow();
    process.kill(process.pid, signal);
  });
}

/** A fresh directory under the OS temp dir, removed when the test process exits. */
export function tempDir(prefix = 'lifecycle-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

// Ports are taken below the kernel's ephemeral range (32768–60999 here), where every outgoing connection also takes
// its source port: a port found free with listen(0) could be a client's a moment later (seen once in CI as the mail
// catcher's EADDRINUSE). Each test worker (VITEST_POOL_ID) has its own slice, so parallel files never pick the same
// one, and a process never hands out a port twice until its slice wraps.
const PORT_BASE = 20_000;
const PORT_SLICE = 1_500;
const poolSlot = Number(process.env.VITEST_POOL_ID ?? process.pid) % 8;
const nextPortOffset = Math.floor(Math.random() * PORT_SLICE);
let portsHandedOut = 0;

function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** A TCP port free a moment ago on 127.0.0.1, from this process's slice below the ephemeral range. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < PORT_SLICE; tries += 1) {
    const port = PORT_BASE + poolSlot * PORT_SLICE + ((nextPortOffset + portsHandedOut) % PORT_SLICE);
    portsHandedOut += 1;
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${PORT_BASE + poolSlot * PORT_SLICE} and ${PORT_BASE + (poolSlot + 1) * PORT_SLICE}`);
}

/** True when a process failed to start because a port it was given was taken meanwhile. */
export function isPortClash(error: unknown): boolean {
  return error instanceof Error && /EADDRINUSE|address already in use/i.test(error.message);
}

/** Starts something on ports picked by `start`, picking again (at most three times) if one was taken meanwhile. */
async function withFreshPortsOnClash<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= 3 || !isPortClash(error)) throw error;
    }
  }
}

export type WaitForOptions = { timeoutMs?: number; intervalMs?: number; description?: string };

/** Polls `predicate` until it returns something truthy (which is returned); throws naming `description` on timeout. */
export function waitFor<T>(predicate: () => T | Promise<T>, options: WaitForOptions = {}): Promise<NonNullable<T>> {
  return pollUntil(predicate, options);
}

export type Launch = { name: string; command: string; args: string[]; env?: NodeJS.ProcessEnv; ready: () => Promise<boolean> };

/** Spawns `launch`, waits until `ready`, and fails fast (with its logs) if it exits first. */
// A worker bundling its workflows took over 60 s to get ready with two cores shared by a dozen processes; readiness is
// polled, so a long bound costs nothing when things are quick.
export async function launchProcess(launch: Launch, readyTimeoutMs = 180_000): Promise<TestProcess> {
  let output = '';
  let child: Child | undefined;
  const start = async () => {
    const started = spawnChild({
      name: launch.name,
      command: launch.command,
      args: launch.args,
      cwd: repoRoot,
      env: { ...process.env, ...launch.env },
      onLine: (line) => (output += `${line}\n`),
    });
    child = started;
    live.add(started);
    void started.exited.then(() => live.delete(started));
    if (started.process.pid) killWhenParentDies(started.process.pid);
    await pollUntil(
      async () => {
        if (!started.isRunning()) throw new Error(`${launch.name} exited before it was ready:\n${output}`);
        return launch.ready();
      },
      { timeoutMs: readyTimeoutMs, description: `${launch.name} to be ready` },
    ).catch((error: Error) => {
      void started.kill9();
      throw started.isRunning() ? new Error(`${error.message}\n${launch.name} logs:\n${output}`) : error;
    });
  };
  await start();
  return {
    stop: async () => void (await child?.stop()),
    kill9: async () => void (await child?.kill9()),
    async restart() {
      await child?.stop();
      await start();
    },
    logs: () => output,
  };
}

export function tsxEntry(path: string): { command: string; args: string[] } {
  return { command: process.execPath, args: ['--import', 'tsx', path] };
}

export type TemporalDevServer = TestProcess & { address: string; port: number; uiPort: number | null; dbFile: string };

/** A real `temporal server start-dev` on free ports and a SQLite file (WAL pragmas), UI off unless `headless: false`. */
export function startTemporalDevServer(options: { dbFile?: string; headless?: boolean } = {}): Promise<TemporalDevServer> {
  return withFreshPortsOnClash(() => launchTemporalDevServer(options));
}

async function launchTemporalDevServer(options: { dbFile?: string; headless?: boolean }): Promise<TemporalDevServer> {
  const cli = temporalCliPath();
  if (!cli) throw new Error('no temporal CLI: run `node --import tsx scripts/temporalBinaries.ts` or set TEMPORAL_CLI');
  const dbFile = options.dbFile ?? join(tempDir(), 'temporal.db');
  const headless = options.headless ?? true;
  const port = await freePort();
  const uiPort = headless ? null : await freePort();
  const address = `127.0.0.1:${port}`;
  const args = devServerArgs({ dbFile, port, uiPort: uiPort ?? undefined, headless });
  const handle = await launchProcess({ name: 'temporal', command: cli, args, ready: () => temporalIsHealthy(cli, address) });
  return { ...handle, address, port, uiPort, dbFile };
}

export type MailCatcherProcess = TestProcess & { smtpPort: number; httpPort: number; smtpUrl: string; httpUrl: string; file: string };

/** The mail catcher as a separate process (so a test can kill it); messages persist in `file`. */
export function startMailCatcherProcess(options: { file?: string } = {}): Promise<MailCatcherProcess> {
  const file = options.file ?? join(tempDir(), 'mail-catcher.jsonl');
  return withFreshPortsOnClash(() => launchMailCatcher(file));
}

async function launchMailCatcher(file: string): Promise<MailCatcherProcess> {
  const [smtpPort, httpPort] = [await freePort(), await freePort()];
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const handle = await launchProcess({
    name: 'mail',
    ...tsxEntry('scripts/mail-catcher.ts'),
    env: { MAIL_CATCHER_SMTP_PORT: String(smtpPort), MAIL_CATCHER_HTTP_PORT: String(httpPort), MAIL_CATCHER_FILE: file },
    ready: () => isHealthy(`${httpUrl}/health`),
  });
  return { ...handle, smtpPort, httpPort, smtpUrl: `smtp://127.0.0.1:${smtpPort}`, httpUrl, file };
}

export type WorkerProcess = TestProcess & { healthUrl: string };

/** The real worker (apps/worker/src/main.ts), ready once its /health answers on WORKER_HEALTH_PORT (a free port unless given). */
/**
 * The run's workflow bundle (written once by globalSetup) for worker processes, so each does not bundle again; a test
 * that passes JOURNEY_WORKFLOW_BUNDLE itself (even empty: the worker then bundles as in production) keeps its own choice.
 */
export function prebuiltWorkflows(): NodeJS.ProcessEnv {
  const path = providedBundlePath();
  return path && existsSync(path) ? { JOURNEY_WORKFLOW_BUNDLE: path } : {};
}

export function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  return env.WORKER_HEALTH_PORT ? launchWorker(env) : withFreshPortsOnClash(() => launchWorker(env));
}

async function launchWorker(env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  const healthPort = env.WORKER_HEALTH_PORT ?? String(await freePort());
  const healthUrl = `http://127.0.0.1:${healthPort}/health`;
  const handle = await launchProcess({
    name: 'worker',
    ...tsxEntry('apps/worker/src/main.ts'),
    env: { ...prebuiltWorkflows(), ...env, WORKER_HEALTH_PORT: healthPort },
    ready: () => isHealthy(healthUrl),
  });
  return { ...handle, healthUrl };
}

export type ApiProcess = TestProcess & { url: string; port: number };

/** The real API (apps/api/src/main.ts) on a free API_PORT unless given; PUBLIC_URL defaults to its own URL. */
export function startApiProcess(env: NodeJS.ProcessEnv): Promise<ApiProcess> {
  return env.API_PORT ? launchApi(env) : withFreshPortsOnClash(() => launchApi(env));
}

async function launchApi(env: NodeJS.ProcessEnv): Promise<ApiProcess> {
  const port = Number(env.API_PORT ?? (await freePort()));
  const url = `http://127.0.0.1:${port}`;
  const handle = await launchProcess({
    name: 'api',
    ...tsxEntry('apps/api/src/main.ts'),
    env: { PUBLIC_URL: url, ...env, API_PORT: String(port) },
    ready: () => isHealthy(`${url}/health`),
  });
  return { ...handle, url, port };
}
