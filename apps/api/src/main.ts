import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { openAppDatabase } from '@lifecycle/db';
import { createApp } from './app';
import { bootstrapAccounts } from './auth/bootstrap';
import { loadConfig } from './config';
import { createDispatcher } from './dispatch/dispatcher';
import { startRunAudit } from './dispatch/runAudit';
import { startAnalyticsApplier } from './analytics/applier/analyticsApplier';
import { startEntryJob } from './entries/entryJob';
import { ensureWriteKey } from './services/writeKeys';
import { serveWebApp } from './staticSite';
import { temporalRunStarter } from './temporal';

const config = loadConfig();
const db = await openAppDatabase({ url: config.databaseUrl, path: config.databasePath });
if (config.writeKey) await ensureWriteKey(db, config.writeKey);
await bootstrapAccounts(db, config);

const temporal = temporalRunStarter(config.temporal, { historyLimit: config.journeyHistoryLimit });
const dispatcher = createDispatcher({ db, runs: temporal, timeScale: config.journeyTimeScale, leaseMs: config.dispatchLeaseMs });
const app = createApp({ db, temporal, config, dispatcher });
const webDist = config.webDist ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
const servesWeb = serveWebApp(app, webDist);

// Path parameters may be 4096 characters (tracking tokens), percent-encoded up to 12 bytes each: Node's default 16 KB
// header limit would answer such a request 431 before the API could judge it.
const serverOptions = { maxHeaderSize: 64 * 1024 };
const server = serve({ fetch: app.fetch, port: config.apiPort, hostname: '0.0.0.0', serverOptions }, (info) => {
  console.log(`api listening on http://127.0.0.1:${info.port}${servesWeb ? ` (web app from ${webDist})` : ''}`);
});
dispatcher.start(1_000);
const stopEntryJob = startEntryJob({ db, kick: dispatcher.kick, log: (message) => console.warn(message) }); // scheduled and date-trait entries
dispatcher.kick(); // events stored while the API was down
// Counts stored events into the analytics rollups after ingest has answered (and events queued while the API was down).
const applier = startAnalyticsApplier({ db, busyShare: config.analyticsBusyShare, maxLagMs: config.analyticsMaxLagMs, log: (message) => console.warn(message) });

// Runs Temporal terminated, timed out or lost, which the database would otherwise show waiting forever.
const stopRunAudit = startRunAudit({ db, runs: temporal, log: (message) => console.warn(message) }, { intervalMs: config.runAuditIntervalMs, staleMs: config.runAuditStaleMs });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`api: ${signal}, shutting down`);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Each stop waits for its run in progress (an entry run, an audit pass, an applier chunk; the dispatcher's sweep,
  // reads, lanes and marks): the database is closed only once none of them can still use it. The dispatcher last,
  // after the requests in flight have been answered: an entry run or an ingest that ends kicks it, and its stop then
  // waits for that work too.
  await Promise.all([stopEntryJob(), stopRunAudit(), applier.stop()]);
  await closed;
  await dispatcher.stop();
  await temporal.close?.();
  await db.close();
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal));
