/**
 * Starts the whole platform for a fuzz run (Temporal dev server, mail catcher, API, worker) on free ports,
 * signs in as the first admin and creates an admin API token, prints one JSON line
 * `{ apiUrl, token, writeKey, databasePath, ... }` on stdout, then waits for SIGTERM and stops everything.
 *
 * Usage: node --import tsx scripts/fuzz/platform.ts <work dir>
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  freePort,
  startApiProcess,
  startMailCatcherProcess,
  startTemporalDevServer,
  startWorkerProcess,
  type TestProcess,
} from '../../tests/support/processes';
import { adminToken } from './signIn';

const workDir = resolve(process.argv[2] ?? 'fuzz-work');
mkdirSync(workDir, { recursive: true });
const started: { name: string; process: TestProcess }[] = [];
const log = (line: string) => process.stderr.write(`platform│ ${line}\n`);

/** Stops every process, then keeps what each printed as `<name>.log` in the work dir (fuzz.sh shows the API's errors). */
async function stopAll(): Promise<void> {
  for (const { name, process: child } of started.reverse()) {
    log(`stopping ${name}`);
    await child.stop().catch((error: Error) => log(`${name} did not stop: ${error.message}`));
    writeFileSync(join(workDir, `${name}.log`), child.logs());
  }
}

async function main(): Promise<void> {
  const databasePath = join(workDir, 'lifecycle.db');
  const writeKey = `wk_fuzz_${randomBytes(12).toString('hex')}`;
  const admin = { email: 'fuzz-admin@lifecycle.local', password: `fuzz-${randomBytes(12).toString('hex')}` };
  const temporal = await startTemporalDevServer({ dbFile: join(workDir, 'temporal.db') });
  started.push({ name: 'temporal', process: temporal });
  const mail = await startMailCatcherProcess({ file: join(workDir, 'mail.jsonl') });
  started.push({ name: 'mail', process: mail });
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const shared = {
    DATABASE_PATH: databasePath,
    TEMPORAL_ADDRESS: temporal.address,
    PUBLIC_URL: apiUrl,
    TRACKING_SECRET: randomBytes(32).toString('hex'),
    TRACKING_SECRET_FILE: join(workDir, 'secret'),
    JOURNEY_TIME_SCALE: '0.001',
  };
  const api = await startApiProcess({
    ...shared,
    API_PORT: String(apiPort),
    MAIL_CATCHER_URL: mail.httpUrl,
    WRITE_KEY: writeKey,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
  });
  started.push({ name: 'api', process: api });
  const worker = await startWorkerProcess({ ...shared, SMTP_URL: mail.smtpUrl });
  started.push({ name: 'worker', process: worker });
  const auth = await adminToken(apiUrl, admin);
  log(auth.token ? `signed in and created API token ${auth.token.slice(0, 6)}…` : `no API token: ${auth.reason}`);
  process.stdout.write(`${JSON.stringify({ apiUrl, token: auth.token, writeKey, databasePath, protectedIds: auth.protectedIds })}\n`);
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stopAll();
  process.exit(code);
}
// processes.ts SIGKILLs its children on a signal; stopping them gently instead lets the API close (and checkpoint) its
// database. Its exit handler still kills whatever is left.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}

main().catch(async (error: Error) => {
  log(`could not start the platform: ${error.stack ?? error.message}`);
  await shutdown(1);
});
// Keeps the process alive until a signal arrives.
setInterval(() => undefined, 60_000);
