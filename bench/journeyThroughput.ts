import { createActivities, createJourneyWorker, progressWriter } from '@lifecycle/worker';
import { openDatabase, templates, upsertCustomer } from '@lifecycle/db';
import type { JourneyGraph } from '@lifecycle/journey';
import type { JourneyRunInput } from '@lifecycle/workflows/messages';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { bundleWorkflowCode } from '@temporalio/worker';
import { createTransport } from 'nodemailer';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMailCatcher, startTemporalDevServer, tempDir } from '../tests/support/processes';
import { SHARED_WORKFLOW_MODULES } from '../workflows/src/sharedModules';
import { inFlight, report } from './figures';
import { childPid, cpuSeconds, loadAverage } from './memoryProbe';
import { threadCpu, threadShares } from './threadCpu';

const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const TASK_QUEUE = 'bench-journeys';
// BENCH_SHARED_MODULES=none bundles as before the worker shared @lifecycle/journey across runs (for a side-by-side figure).
const BENCH_SHARED_MODULES = process.env.BENCH_SHARED_MODULES === 'none' ? [] : SHARED_WORKFLOW_MODULES;

/** trigger → send email → exit: the smallest journey that does real work. */
const noWaitJourney: JourneyGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'always' } },
    { id: 'send', type: 'send_email', templateId: 'bench' },
    { id: 'exit', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'send' },
    { id: 'e2', source: 'send', sourceExit: 'next', target: 'exit' },
  ],
};

/** "1 workflow task, 0 activity tasks, 2 local activities, 9 events": what one run recorded in its history. */
async function costOf(client: Client, workflowId: string): Promise<string> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const tasks = events.filter((event) => event.workflowTaskCompletedEventAttributes).length;
  const activities = events.filter((event) => event.activityTaskScheduledEventAttributes).length;
  const locals = events.filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity').length;
  return `${tasks} workflow task${tasks === 1 ? '' : 's'}, ${activities} activity tasks, ${locals} local activities, ${events.length} events`;
}

/**
 * Journey runs per second against empty workflows per second, on one Temporal dev server (SQLite, WAL) and one worker: both sides
 * share the worker's settings (createJourneyWorker: 32 concurrent workflow tasks, 32 activities, 32 local activities,
 * 1,000 cached workflows, sticky queue) and the same load, so the ratio is fair on a busy machine.
 */
export async function benchJourneyThroughput(): Promise<string[]> {
  const dir = tempDir('lifecycle-bench-');
  const temporal = await startTemporalDevServer({ dbFile: join(dir, 'temporal.db') });
  const mail = await startMailCatcher({ smtpPort: 0, httpPort: 0, file: join(dir, 'mail.jsonl') });
  const db = openDatabase(join(dir, 'lifecycle.db'));
  await db.insert(templates).values({ id: 'bench', name: 'Bench', subject: 'Hello {{ customer.id }}', html: '<p>Hi <a href="https://example.com">there</a></p>' });
  for (let i = 0; i < RUNS; i++) await upsertCustomer(db, `c${i}`, { email: `c${i}@example.com` });

  const transport = createTransport({ host: '127.0.0.1', port: mail.smtpPort, secure: false, pool: true, maxConnections: 8, ignoreTLS: true });
  const activities = createActivities({
    db,
    transport,
    config: { mailFrom: 'Bench <bench@lifecycle.local>', publicUrl: 'http://127.0.0.1:3000', trackingSecret: 'bench-secret-0123456789abcdef' },
  });
  const bundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./benchWorkflows.ts', import.meta.url)), logger: undefined, preloadModules: BENCH_SHARED_MODULES });
  const workerConnection = await NativeConnection.connect({ address: temporal.address });
  const worker = await createJourneyWorker({ connection: workerConnection, namespace: 'default', taskQueue: TASK_QUEUE, activities, writeProgress: progressWriter(db), workflowBundle: bundle });
  const running = worker.run();
  const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });

  const serverPid = childPid('start-dev');
  // CPU milliseconds per run spent by the Temporal server and by this process (the worker and the client): where a
  // side's time went, so a change can be judged by cost as well as by rate on a shared machine.
  const costs: Record<string, string> = {};
  async function measure(label: string, start: (i: number) => Promise<unknown>): Promise<number> {
    const loadBefore = loadAverage();
    const [serverBefore, ownBefore, threadsBefore] = [cpuSeconds(serverPid), process.cpuUsage(), threadCpu(process.pid)];
    const began = performance.now();
    await inFlight(RUNS, IN_FLIGHT, start);
    const seconds = (performance.now() - began) / 1000;
    const own = process.cpuUsage(ownBefore);
    const perRun = (cpuSecondsUsed: number) => ((cpuSecondsUsed * 1000) / RUNS).toFixed(1);
    // By thread: "main" (activities, the client), "node" (the workflow sandboxes and render threads), the core's own.
    const threads = threadShares(threadsBefore, threadCpu(process.pid), RUNS);
    costs[label] = `server ${perRun(cpuSeconds(serverPid) - serverBefore)} + worker ${perRun((own.user + own.system) / 1e6)} CPU ms/run (${threads}); load ${loadBefore} → ${loadAverage()}`;
    return RUNS / seconds;
  }

  const stamp = Date.now();
  const empty = await measure('empty', (i) => client.workflow.execute('emptyWorkflow', { taskQueue: TASK_QUEUE, workflowId: `empty-${stamp}-${i}`, args: [] }));
  const journey = await measure('journey', (i) => {
    const input: JourneyRunInput = {
      journeyId: 'bench',
      versionId: 'bench-v1',
      version: 1,
      graph: noWaitJourney,
      customerId: `c${i}`,
      triggerEvent: { id: `ev-${i}`, name: 'signed_up', properties: {}, timestamp: new Date().toISOString() },
    };
    return client.workflow.execute('journeyRun', { taskQueue: TASK_QUEUE, workflowId: `journey/bench/c${i}/${stamp}`, args: [input] });
  });
  const sent = (await (await fetch(`http://127.0.0.1:${mail.httpPort}/messages`)).json()) as { messages: unknown[] };
  // What one run of each costs the server (what the ratio is made of): workflow tasks, activity tasks, local activities.
  // A run from the middle: the first ones pay the worker's warm-up (render thread, first statements) in extra tasks.
  const middle = Math.floor(RUNS / 2);
  const emptyCost = await costOf(client, `empty-${stamp}-${middle}`);
  const journeyCost = await costOf(client, `journey/bench/c${middle}/${stamp}`);

  worker.shutdown();
  await running;
  await workerConnection.close();
  transport.close();
  await mail.stop();
  await temporal.stop();

  return [
    report('empty workflows started+completed', empty, 'runs/s', `${RUNS} runs, ${IN_FLIGHT} in flight; each ${emptyCost}; ${costs.empty}`),
    report('journey runs (trigger → send email → exit)', journey, 'runs/s', `${sent.messages.length} emails caught; each ${journeyCost}; ${costs.journey}`),
    report('journey / empty', (journey / empty) * 100, '%'),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`\n${new Date().toISOString()}\n${(await benchJourneyThroughput()).join('\n')}`);
  process.exit(0);
}
