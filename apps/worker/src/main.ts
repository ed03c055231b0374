import { openAppDatabase } from '@lifecycle/db';
import { describeTemporalConnection } from '@lifecycle/temporal-connection';
import nodemailer from 'nodemailer';
import { createActivities, progressWriter } from './activities';
import { bundleJourneyWorkflows } from './bundle';
import { loadWorkerConfig } from './config';
import { connectWithRetry } from './connect';
import { startHealthServer } from './health';
import { log } from './observability/logger';
import { observeActivities, observeProgressFailures, observeProgressWrites } from './observability/observeActivities';
import { workerMetricsText } from './observability/workerMetrics';
import { createJourneyWorker } from './worker';

const config = loadWorkerConfig();
const db = await openAppDatabase({ url: config.databaseUrl, path: config.databasePath });
// Pooled: emails go over a few connections kept open (SMTP_POOL_MAX_CONNECTIONS), each replaced after
// SMTP_POOL_MAX_MESSAGES; closed on shutdown once the worker's activities have finished.
const transport = nodemailer.createTransport({
  url: config.smtpUrl,
  pool: true,
  maxConnections: config.smtpPool.maxConnections,
  maxMessages: config.smtpPool.maxMessages,
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
});

const stopping = new AbortController();
let stop: () => void = () => process.exit(0);
let connected = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    stopping.abort();
    stop();
  });
}

const health = await startHealthServer(config.healthPort, () => connected, workerMetricsText);
log.info({ port: config.healthPort }, 'health server listening');

// Bundling takes seconds; do it while waiting for Temporal rather than after.
const [workflowBundle, connection] = await Promise.all([bundleJourneyWorkflows(), connectWithRetry(config.temporal, stopping.signal)]);
const worker = await createJourneyWorker({
  connection,
  namespace: config.temporal.namespace,
  activities: observeActivities(createActivities({ db, transport, config }), db),
  writeProgress: observeProgressWrites(progressWriter(db)),
  progressWatch: observeProgressFailures(db),
  workflowBundle,
  maxCachedWorkflows: config.maxCachedWorkflows,
});
connected = true;
// A second signal while draining must not throw 'Not running'.
stop = () => {
  if (worker.getState() === 'RUNNING') worker.shutdown();
};

log.info({ temporal: describeTemporalConnection(config.temporal), maxCachedWorkflows: config.maxCachedWorkflows, smtpPool: config.smtpPool }, 'polling');
try {
  await worker.run();
} finally {
  connected = false;
  transport.close();
  await connection.close();
  health.close();
  await db.close();
  log.info('stopped');
}
