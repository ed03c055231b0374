import { addOfferCodes, createOffer, getRun, insertTemplate, listDeliveriesForWorkflow, listRunSteps, upsertCustomer, type Db } from '@lifecycle/db';
import { JourneyGraph, welcomeJourney } from '@lifecycle/journey';
import { journeyRunId } from '@lifecycle/workflows/ids';
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
const taskQueue = `worker-test-${process.pid}`;

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
});

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
  await sink?.close();
  dispose?.();
});

describe('journey worker', () => {
  it('runs the welcome journey end to end over the real activities: two emails, every step stored', async () => {
    for (const [id, subject] of [
      ['tpl_welcome', 'Welcome {{ customer.first_name }}'],
      ['tpl_code', 'Your code {{ offer.code }}'],
      ['tpl_reminder', 'Still there, {{ customer.first_name }}?'],
    ] as const) {
      await insertTemplate(db, id, { name: id, subject, html: '<p><a href="https://example.com/start">Start</a></p>', text: null });
    }
    await addOfferCodes(db, (await createOffer(db, { id: 'off_10', name: 'Welcome 10%', codeSource: 'pool' })).id, ['TEN-1']);
    await upsertCustomer(db, 'ada', { email: 'ada@example.com', first_name: 'Ada' });
    const graph = JourneyGraph.parse(
      welcomeJourney({ welcomeTemplateId: 'tpl_welcome', codeTemplateId: 'tpl_code', reminderTemplateId: 'tpl_reminder', offerId: 'off_10' }),
    );
    const workflowId = journeyRunId('welcome', 'ada', 'once');

    const status = await env.client.workflow.execute('journeyRun', {
      taskQueue,
      workflowId,
      args: [
        {
          journeyId: 'welcome',
          versionId: 'v1',
          version: 1,
          graph,
          customerId: 'ada',
          triggerEvent: { id: 'evt-1', name: 'signed_up', properties: {}, timestamp: new Date().toISOString() },
        },
      ],
    });

    expect(status).toBe('completed');
    expect(sink.messages.map((mail) => mail.subject)).toEqual(['Welcome Ada', 'Still there, Ada?']);
    expect(await getRun(db, workflowId)).toMatchObject({ status: 'completed', customerId: 'ada' });
    const nodes = (await listRunSteps(db, workflowId)).map((step) => step.nodeId);
    expect(nodes).toEqual(['trigger', 'send_welcome', 'wait_2d', 'wait_open', 'send_reminder', 'exit_reminded']);
    const sent = await listDeliveriesForWorkflow(db, workflowId);
    expect(sent.map((delivery) => [delivery.nodeId, delivery.status])).toEqual([
      ['send_welcome', 'sent'],
      ['send_reminder', 'sent'],
    ]);
  });
});
