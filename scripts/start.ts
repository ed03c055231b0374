import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeTemporalConnection, loadTemporalConnection, temporalCliConnection } from '@lifecycle/temporal-connection';
import { isHealthy, pollUntil, prefixedPrinter, spawnChild, type Child } from './childProcess';
import { startMailCatcher, type RunningMailCatcher } from './mail-catcher';
import { printBanner, type WriteKeyOrigin } from './startBanner';
import { temporalCliPath } from './temporalBinaries';
import { devServerArgs, temporalIsHealthy } from './temporalDevServer';

const dataDir = '.data';
const children: Child[] = [];
let catcher: RunningMailCatcher | undefined;
let stopping = false;

/** The dev write key: WRITE_KEY as given, else made once into .data/write-key so curl commands keep working across restarts. */
function devWriteKey(): { writeKey: string; writeKeyOrigin: WriteKeyOrigin } {
  if (process.env.WRITE_KEY) return { writeKey: process.env.WRITE_KEY, writeKeyOrigin: { kind: 'environment' } };
  const file = join(dataDir, 'write-key');
  const writeKeyOrigin = { kind: 'file', file } as const;
  if (existsSync(file)) return { writeKey: readFileSync(file, 'utf8').trim(), writeKeyOrigin };
  const writeKey = `wk_dev_${randomBytes(18).toString('hex')}`;
  writeFileSync(file, `${writeKey}\n`, { mode: 0o600 });
  return { writeKey, writeKeyOrigin };
}

/** The dev tracking secret, made before the API and worker start so they never race to create it. */
function ensureDevSecret(): void {
  const file = join(dataDir, 'secret');
  if (process.env.TRACKING_SECRET || existsSync(file)) return;
  writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
}

async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nstopping…');
    // API first (no new work), then the worker, then Temporal; the catcher last so in-flight sends land.
    for (const child of [...children].reverse()) await child.stop();
    await catcher?.stop();
  }
  process.exit(exitCode);
}

function supervise(child: Child): Child {
  children.push(child);
  void child.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`\n${child.name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the rest.`);
    void stopAll(1);
  });
  return child;
}

function node(name: string, entry: string, env: NodeJS.ProcessEnv, onLine?: (line: string) => void): Child {
  const print = prefixedPrinter(name);
  const watch = onLine ? (line: string) => (onLine(line), print(line)) : undefined;
  return supervise(spawnChild({ name, command: process.execPath, args: ['--import', 'tsx', entry], env, ownGroup: true, ...(watch ? { onLine: watch } : {}) }));
}

/** The one-time link the API logs when no user exists yet; shown again in the banner so nobody has to dig for it. */
let setupLink: string | null = null;
function watchForSetupLink(line: string): void {
  const match = /(https?:\/\/\S+\/#\/setup\/\S+)/.exec(line);
  if (match?.[1]) setupLink = match[1];
}

const securityVariables = ['TEMPORAL_TLS', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA', 'TEMPORAL_TLS_SERVER_NAME', 'TEMPORAL_API_KEY'];

async function startTemporal(): Promise<{ address: string; uiUrl: string | null }> {
  const cli = temporalCliPath();
  // Parsed here too, so a bad TLS file stops start.sh before anything starts (the API and worker check it again).
  const connection = loadTemporalConnection(process.env);
  if (process.env.TEMPORAL_ADDRESS) {
    const { address } = connection.sdk;
    console.log(`using the Temporal cluster at ${describeTemporalConnection(connection)} (TEMPORAL_ADDRESS)`);
    await pollUntil(() => temporalIsHealthy(cli, address, temporalCliConnection(connection)), { timeoutMs: 30_000, description: `Temporal at ${address}` });
    return { address, uiUrl: null };
  }
  const securitySet = securityVariables.filter((name) => process.env[name]);
  if (securitySet.length > 0) throw new Error(`${securitySet.join(', ')} set without TEMPORAL_ADDRESS: the local dev server speaks plaintext; set TEMPORAL_ADDRESS to your cluster`);
  if (!cli) throw new Error('no Temporal CLI found: set TEMPORAL_CLI or TEMPORAL_ADDRESS (see README)');
  const address = '127.0.0.1:7233';
  if (await temporalIsHealthy(cli, address))
    throw new Error(`something already serves Temporal on ${address}; stop it or set TEMPORAL_ADDRESS=${address}`);
  const args = devServerArgs({ dbFile: join(dataDir, 'temporal.db'), port: 7233, uiPort: 8233 });
  const print = prefixedPrinter('temporal');
  // Its shutdown is a page of poll warnings; nobody needs them after Ctrl-C.
  const onLine = (line: string) => stopping || print(line);
  const server = supervise(spawnChild({ name: 'temporal', command: cli, args, onLine, ownGroup: true }));
  await pollUntil(() => !server.isRunning() || temporalIsHealthy(cli, address), {
    timeoutMs: 60_000,
    description: 'the Temporal dev server',
  });
  return { address, uiUrl: 'http://127.0.0.1:8233' };
}

async function startMail(): Promise<{ smtpUrl: string; catcherUrl: string | null }> {
  if (process.env.SMTP_URL) return { smtpUrl: process.env.SMTP_URL, catcherUrl: process.env.MAIL_CATCHER_URL ?? null };
  catcher = await startMailCatcher({ smtpPort: 1025, httpPort: 1080, file: join(dataDir, 'mail-catcher.jsonl') });
  return { smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}`, catcherUrl: `http://127.0.0.1:${catcher.httpPort}` };
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // A second Ctrl-C means "now": kill what is still stopping.
    process.on(signal, () => (stopping ? children.forEach((child) => void child.kill9()) : void stopAll(0)));
  }

  const temporal = await startTemporal();
  const mail = await startMail();
  const { writeKey, writeKeyOrigin } = devWriteKey();
  ensureDevSecret();
  const apiPort = process.env.API_PORT ?? '3000';
  const workerHealthPort = process.env.WORKER_HEALTH_PORT ?? '3001';
  const appUrl = process.env.PUBLIC_URL ?? `http://127.0.0.1:${apiPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: temporal.address,
    SMTP_URL: mail.smtpUrl,
    ...(mail.catcherUrl ? { MAIL_CATCHER_URL: mail.catcherUrl } : {}),
    API_PORT: apiPort,
    WORKER_HEALTH_PORT: workerHealthPort,
    PUBLIC_URL: appUrl,
    WRITE_KEY: writeKey,
    WEB_DIST: process.env.WEB_DIST ?? resolve('apps/web/dist'),
  };
  node('worker', 'apps/worker/src/main.ts', env);
  node('api', 'apps/api/src/main.ts', env, watchForSetupLink);

  const apiHealth = `http://127.0.0.1:${apiPort}/health`;
  await pollUntil(() => stopping || isHealthy(apiHealth), { timeoutMs: 90_000, description: apiHealth });
  const workerHealth = `http://127.0.0.1:${workerHealthPort}/health`;
  const workerUp = await pollUntil(() => stopping || isHealthy(workerHealth), { timeoutMs: 60_000, description: workerHealth }).catch(
    () => false,
  );
  if (stopping) return;
  if (!workerUp) console.warn(`the worker's ${workerHealth} did not answer yet; journeys run once it is up`);
  printBanner({ appUrl, temporalUiUrl: temporal.uiUrl, temporalAddress: temporal.address, ...mail, writeKey, writeKeyOrigin, setupLink });
}

main().catch((error: unknown) => {
  console.error(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  void stopAll(1);
});
