import { insertJourney, insertTemplate, listRunSteps, saveJourneySendPolicy, saveSendPolicy, setWorkspaceTimeZone, upsertCustomer, type Db } from '@lifecycle/db';
import { JourneyGraph } from '@lifecycle/journey';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkExecutable, temporalTestServerPath } from '../../../scripts/temporalBinaries';
import { createActivities, progressWriter } from './activities';
import { bundleJourneyWorkflows } from './bundle';
import { startSmtpSink, type SmtpSink } from './testing/smtpSink';
import { openTempDb } from './testing/tempDb';
import { createJourneyWorker } from './worker';

const config = { mailFrom: 'Lifecycle <hello@lifecycle.test>', publicUrl: 'http://track.test', trackingSecret: 'test-secret-0123456789' };
const taskQueue = `send-governance-test-${process.pid}`;

let env: TestWorkflowEnvironment;
let sink: SmtpSink;
let db: Db;
let dispose: () => void;
let stopWorker: () => Promise<void>;

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed in this test worker
  }
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: sdkExecutable(temporalTestServerPath()) } });
  sink = await startSmtpSink();
  ({ db, dispose } = openTempDb());
  const worker = await createJourneyWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities({ db, transport: sink.transport, config }),
    writeProgress: progressWriter(db),
    workflowBundle: await bundleJourneyWorkflows(),
  });
  const running = worker.run();
  stopWorker = async () => {
    worker.shutdown();
    await running;
  };
  await insertTemplate(db, 'tpl_news', { name: 'News', subject: 'News for {{ customer.name }}', html: '<p>News</p>', text: null });
  await insertTemplate(db, 'tpl_receipt', { name: 'Receipt', subject: 'Receipt for {{ customer.name }}', html: '<p>Paid</p>', text: null });
});

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
  await sink?.close();
  dispose?.();
});

type Send = { id: string; templateId: string; transactional?: boolean; whenCapped?: 'hold' | 'skip' };

/** trigger → (wait until `at` on the customer's clock) → the sends in order → exit. */
function journey(sends: Send[], at?: string) {
  const chain = [...(at ? [{ id: 'wait', type: 'wait', until: { kind: 'weekday_time', weekdays: [], time: at, zone: { kind: 'customer' } } }] : []), ...sends.map((send) => ({ ...send, type: 'send_email' }))];
  const nodes = [{ id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } }, ...chain, { id: 'done', type: 'exit' }];
  const edges = nodes.slice(1).map((node, index) => ({ id: `e${index}`, source: nodes[index]!.id, sourceExit: 'next', target: node.id }));
  return JourneyGraph.parse({ nodes, edges });
}

let runs = 0;
async function run(journeyId: string, graph: JourneyGraph, customerId: string, wait = true) {
  runs += 1;
  const workflowId = `journey/${journeyId}/${customerId}/${runs}`;
  const args = [{ journeyId, versionId: 'v1', version: 1, graph, customerId, workspaceTimeZone: 'America/New_York', triggerEvent: { id: `evt-${runs}`, name: 'signed_up', properties: {}, timestamp: new Date().toISOString() } }] as const;
  const handle = await env.client.workflow.start('journeyRun', { taskQueue, workflowId, args: [...args] });
  if (wait) expect(await handle.result()).toBe('completed');
  return workflowId;
}

const step = async (workflowId: string, nodeId: string) => (await listRunSteps(db, workflowId)).find((one) => one.nodeId === nodeId);
/** "Mon 20:00": an instant on a customer's wall clock. */
const local = (iso: string | null | undefined, zone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse(iso ?? '')).replace(',', '');
/** The weekday after an instant's local day (no DST change in these tests' days is assumed: 12 hours ahead is enough). */
const nextDay = (iso: string | null | undefined, zone: string) => local(new Date(Date.parse(iso ?? '') + 12 * 3_600_000).toISOString(), zone).split(' ')[0];

describe('quiet hours and the frequency cap under skipped time, in two time zones', () => {
  it("hold a marketing send through the customer's night and past the cap, in each customer's own zone; a receipt goes at once", async () => {
    await setWorkspaceTimeZone(db, 'America/New_York');
    await saveSendPolicy(db, { frequencyCap: { limit: 1, windowHours: 2 }, quietHours: { start: '21:00', end: '08:00', days: [] } });
    await upsertCustomer(db, 'amelie', { email: 'amelie@example.com', name: 'Amélie', timezone: 'Europe/Paris' });
    await upsertCustomer(db, 'nora', { email: 'nora@example.com', name: 'Nora' }); // no trait: the workspace's New York
    // 20:00 local: the first news goes; the second is over the cap (1 in 2 hours) until 22:00, when quiet hours
    // (21:00–08:00) hold it until 08:00 the next morning. The receipt is transactional: exempt from both.
    const graph = journey([{ id: 'first', templateId: 'tpl_news' }, { id: 'receipt', templateId: 'tpl_receipt', transactional: true }, { id: 'second', templateId: 'tpl_news' }], '20:00');
    // One after the other: while one run sleeps the test server skips time, which would expire the other's SMTP activity.
    const paris = await run('news', graph, 'amelie');
    const newYork = await run('news', graph, 'nora');

    for (const [workflowId, zone] of [[paris, 'Europe/Paris'], [newYork, 'America/New_York']] as const) {
      const first = (await step(workflowId, 'first'))!;
      expect(first.outcome).toMatch(/^sent “News for/);
      expect(local(first.leftAt, zone)).toMatch(/ 20:00$/);
      const receipt = (await step(workflowId, 'receipt'))!;
      expect(receipt.outcome).toMatch(/^sent “Receipt for/);
      expect(local(receipt.leftAt, zone)).toBe(local(first.leftAt, zone));
      const second = (await step(workflowId, 'second'))!;
      expect(second.outcome).toMatch(new RegExp(`^sent “News for .*” to .* \\(after being held for quiet hours until 08:00 ${zone.replace('/', '\\/')} and 1 earlier hold\\)$`));
      expect(second.detail).toMatchObject({ holds: [expect.stringMatching(/^held by the frequency cap \(1 in 2 hours\) until /), `held for quiet hours until 08:00 ${zone}`] });
      // Across the day boundary: the next morning at 08:00 on the customer's own clock.
      expect(local(second.leftAt, zone)).toBe(`${nextDay(first.leftAt, zone)} 08:00`);
    }
    expect(sink.messages.filter((mail) => mail.subject === 'News for Amélie')).toHaveLength(2);
    expect(sink.messages.filter((mail) => mail.subject === 'Receipt for Nora')).toHaveLength(1);
  }, 180_000);
});

describe('the frequency cap', () => {
  it('skips a send over a journey cap when the node says skip, and says so on the run', async () => {
    await saveSendPolicy(db, { frequencyCap: null, quietHours: null });
    await insertJourney(db, 'promo', { name: 'Promo', draft: {} });
    await saveJourneySendPolicy(db, 'promo', { frequencyCap: { mode: 'custom', value: { limit: 1, windowHours: 24 } }, quietHours: { mode: 'off' } });
    await upsertCustomer(db, 'sam', { email: 'sam@example.com', name: 'Sam' });
    const workflowId = await run('promo', journey([{ id: 'first', templateId: 'tpl_news' }, { id: 'second', templateId: 'tpl_news', whenCapped: 'skip' }]), 'sam');
    expect((await step(workflowId, 'first'))?.outcome).toMatch(/^sent /);
    expect(await step(workflowId, 'second')).toMatchObject({
      outcome: 'skipped: frequency cap reached (1 in 1 day; 1 sent in the window)',
      detail: expect.objectContaining({ reason: 'frequency_capped', cap: { limit: 1, windowHours: 24, counted: 1 } }),
    });
    expect(sink.messages.filter((mail) => mail.subject === 'News for Sam')).toHaveLength(1);
  });

  it('lets exactly one of two runs sending to one customer at the same moment through a cap of 1; the other holds', async () => {
    await insertJourney(db, 'race-a', { name: 'Race A', draft: {} });
    await insertJourney(db, 'race-b', { name: 'Race B', draft: {} });
    const capOne = { frequencyCap: { mode: 'custom', value: { limit: 1, windowHours: 24 } }, quietHours: { mode: 'off' } } as const;
    await saveJourneySendPolicy(db, 'race-a', capOne);
    await saveJourneySendPolicy(db, 'race-b', capOne);
    await upsertCustomer(db, 'rita', { email: 'rita@example.com', name: 'Rita' });
    const graph = journey([{ id: 'send', templateId: 'tpl_news' }]);
    // Started together and not awaited: the test server skips no time while nobody waits on a result.
    const ids = await Promise.all([run('race-a', graph, 'rita', false), run('race-b', graph, 'rita', false)]);
    const outcomes = async () => {
      const found: string[] = [];
      for (const id of ids) found.push((await step(id, 'send'))?.outcome ?? '');
      return found.sort();
    };
    await expect.poll(outcomes, { timeout: 30_000 }).toEqual([expect.stringMatching(/^held by the frequency cap \(1 in 1 day\) until /), expect.stringMatching(/^sent “News for Rita”/)]);
    expect(sink.messages.filter((mail) => mail.subject === 'News for Rita')).toHaveLength(1);
  });
});
