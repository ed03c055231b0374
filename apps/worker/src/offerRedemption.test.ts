import { createOffer, insertTemplate, listIssuedCodes, offerCodeCounts, redeemOfferCode, upsertCustomer, type Db } from '@lifecycle/db';
import { JourneyGraph } from '@lifecycle/journey';
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
const taskQueue = `offer-redemption-test-${process.pid}`;

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

/** trigger → grant the offer → send the code → exit. */
const grantAndSend = (offerId: string, templateId: string) =>
  JourneyGraph.parse({
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } },
      { id: 'grant', type: 'offer', offerId },
      { id: 'send', type: 'send_email', templateId },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'grant' },
      { id: 'e2', source: 'grant', sourceExit: 'next', target: 'send' },
      { id: 'e3', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  });

describe('an offer granted by a journey', () => {
  it('reaches the email with its discount and description, and shows as redeemed once the customer uses the code', async () => {
    const offer = await createOffer(db, { name: 'Welcome', codeSource: 'generated', codePrefix: 'WELCOME20-', description: 'On your first order', discountKind: 'amount', discountValue: 10, discountCurrency: 'EUR' });
    await insertTemplate(db, 'tpl_offer', { name: 'Offer', subject: '{{ offer.discount }} off: {{ offer.code }}', html: '<p>{{ offer.description }} ({{ offer.discountKind }} {{ offer.discountValue }} {{ offer.discountCurrency }})</p>', text: null });
    await upsertCustomer(db, 'ada', { email: 'ada@example.com', name: 'Ada Lovelace' });
    const workflowId = journeyRunId('offers', 'ada', 'once');
    const status = await env.client.workflow.execute('journeyRun', {
      taskQueue,
      workflowId,
      args: [{ journeyId: 'offers', versionId: 'v1', version: 1, graph: grantAndSend(offer.id, 'tpl_offer'), customerId: 'ada', triggerEvent: { id: 'evt-1', name: 'signed_up', properties: {}, timestamp: new Date().toISOString() } }],
    });
    expect(status).toBe('completed');

    const [mail] = sink.messages;
    const code = /off: (WELCOME20-[A-Z2-7]{8})$/.exec(mail?.subject ?? '')?.[1];
    expect(mail?.subject).toMatch(/^€10\.00 off: WELCOME20-[A-Z2-7]{8}$/);
    expect(mail?.html).toContain('On your first order (amount 10 EUR)');
    expect((await listIssuedCodes(db, offer.id, { limit: 10, offset: 0 })).codes).toEqual([expect.objectContaining({ code, customerId: 'ada', customerName: 'Ada Lovelace', customerEmail: 'ada@example.com', redeemedAt: null })]);

    // What ingest does with `offer_redeemed` { code }: the same function, inside the write.
    const redeemed = await redeemOfferCode(db, { code: code!, customerId: 'ada', eventId: 'evt-redeem', at: '2026-03-01T10:00:00.000Z' });
    expect(redeemed).toMatchObject({ outcome: 'redeemed', offerId: offer.id, issuedTo: 'ada' });
    expect((await listIssuedCodes(db, offer.id, { limit: 10, offset: 0 })).codes[0]?.redeemedAt).toBe('2026-03-01T10:00:00.000Z');
    expect((await offerCodeCounts(db, offer.id)).get(offer.id)).toEqual({ left: 0, issued: 1, redeemed: 1 });
  });
});
