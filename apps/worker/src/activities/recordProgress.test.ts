import { insertTemplate, runs, runSteps, upsertCustomer, type Db } from '@lifecycle/db';
import type { RunRecord, StepRecord } from '@lifecycle/workflows/activities';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../testing/smtpSink';
import { openTempDb } from '../testing/tempDb';
import { createActivities } from '.';

const config = { mailFrom: 'hello@lifecycle.test', publicUrl: 'http://track.test', trackingSecret: 'test-secret-0123456789' };

let sink: SmtpSink;
let db: Db;
let dispose: () => void;

beforeEach(async () => {
  sink = await startSmtpSink();
  ({ db, dispose } = openTempDb());
});

afterEach(async () => {
  await sink.close();
  dispose();
});

const run: RunRecord = {
  workflowId: 'journey/j1/ada/once',
  journeyId: 'j1',
  versionId: 'v1',
  customerId: 'ada',
  triggerEventId: 'ev1',
  status: 'running',
  currentNodeId: 'trigger',
  startedAt: '2026-03-01T12:00:00.000Z',
  endedAt: null,
  waitingUntil: null,
  error: null,
};

const step: StepRecord = {
  seq: 1,
  nodeId: 'wait-1',
  nodeType: 'wait',
  enteredAt: '2026-03-01T12:00:01.000Z',
  leftAt: null,
  outcome: null,
  exit: null,
  detail: null,
};

describe('recordProgress', () => {
  it('keeps one run row and one row per step however often a record is retried', async () => {
    const journey = createActivities({ db, transport: sink.transport, config });
    await journey.recordProgress({ run });
    await journey.recordProgress({ run: { ...run, status: 'waiting', currentNodeId: 'wait-1', waitingUntil: '2026-03-03T12:00:01.000Z' }, step });
    await journey.recordProgress({ run: { ...run, status: 'waiting', currentNodeId: 'wait-1', waitingUntil: '2026-03-03T12:00:01.000Z' }, step });
    const left = { ...step, leftAt: '2026-03-03T12:00:01.000Z', outcome: 'waited 2 days', exit: 'next', detail: { ms: 172_800_000 } };
    await journey.recordProgress({ run: { ...run, status: 'completed', currentNodeId: null, endedAt: '2026-03-03T12:00:02.000Z' }, step: left });
    await journey.recordProgress({ run: { ...run, status: 'completed', currentNodeId: null, endedAt: '2026-03-03T12:00:02.000Z' }, step: left });

    const storedRuns = await db.select().from(runs);
    expect(storedRuns).toHaveLength(1);
    expect(storedRuns[0]).toMatchObject({ status: 'completed', currentNodeId: null, waitingUntil: null, endedAt: '2026-03-03T12:00:02.000Z' });
    const steps = await db.select().from(runSteps);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ seq: 1, nodeId: 'wait-1', outcome: 'waited 2 days', exit: 'next', detail: { ms: 172_800_000 } });
  });
});

describe('recordProgressBatch', () => {
  it('writes a step boundary (an exit and the next entry) in one call: every step, and the run as the last record left it', async () => {
    const journey = createActivities({ db, transport: sink.transport, config });
    const trigger: StepRecord = { ...step, nodeId: 'trigger', nodeType: 'trigger', enteredAt: run.startedAt, leftAt: run.startedAt, outcome: 'entered', exit: 'next' };
    const waiting = { ...run, status: 'waiting' as const, currentNodeId: 'wait-1', waitingUntil: '2026-03-03T12:00:01.000Z' };
    const records = [{ run, step: trigger }, { run: waiting, step: { ...step, seq: 2 } }];
    await journey.recordProgressBatch({ records });
    await journey.recordProgressBatch({ records }); // a retried batch lands on itself
    expect(await db.select().from(runs)).toMatchObject([{ status: 'waiting', currentNodeId: 'wait-1', waitingUntil: '2026-03-03T12:00:01.000Z' }]);
    expect((await db.select().from(runSteps)).map((row) => [row.seq, row.nodeId, row.leftAt !== null])).toEqual([
      [1, 'trigger', true],
      [2, 'wait-1', false],
    ]);
  });

  it('stores a step exactly as a single record does: detail, failed flag, and an overwrite of the open step', async () => {
    const journey = createActivities({ db, transport: sink.transport, config });
    const entered: StepRecord = { ...step, nodeId: 'send-1', nodeType: 'send_email' };
    const left: StepRecord = { ...entered, leftAt: '2026-03-01T12:00:02.000Z', outcome: 'failed: template_missing', exit: 'next', detail: { deliveryId: 'd1', reason: 'template_missing', quote: 'a "b" <c>' }, failed: true };
    await journey.recordProgressBatch({ records: [{ run, step: entered }] });
    await journey.recordProgressBatch({ records: [{ run: { ...run, failedSteps: 1 }, step: left }] });
    const batched = (await db.select().from(runSteps)).map(({ id: _id, ...row }) => row);
    await db.delete(runSteps);
    await journey.recordProgress({ run, step: entered });
    await journey.recordProgress({ run: { ...run, failedSteps: 1 }, step: left });
    const single = (await db.select().from(runSteps)).map(({ id: _id, ...row }) => row);
    expect(batched).toEqual(single);
    expect(batched).toMatchObject([{ seq: 1, nodeId: 'send-1', failed: true, exit: 'next', detail: { deliveryId: 'd1', reason: 'template_missing', quote: 'a "b" <c>' } }]);
  });
});

describe('sendEmail carrying the run’s progress', () => {
  it('writes the queued records before sending (the monitor shows the run at the send), the same rows on a retry', async () => {
    await upsertCustomer(db, 'ada', { email: 'ada@example.com' });
    await insertTemplate(db, 'hello', { name: 'Hello', subject: 'Hello', html: '<p>Hi</p>' });
    const journey = createActivities({ db, transport: sink.transport, config });
    const trigger: StepRecord = { ...step, nodeId: 'trigger', nodeType: 'trigger', enteredAt: run.startedAt, leftAt: run.startedAt, outcome: 'entered', exit: 'next' };
    const atSend = { ...run, currentNodeId: 'send-1' };
    const progress = [{ run, step: trigger }, { run: atSend, step: { ...step, seq: 2, nodeId: 'send-1', nodeType: 'send_email' as const } }];
    const input = { workflowId: run.workflowId, journeyId: 'j1', nodeId: 'send-1', templateId: 'hello', customerId: 'ada', triggerEvent: { id: 'ev1', name: 'signed_up', properties: {}, timestamp: run.startedAt }, offers: [], progress };
    expect(await journey.sendEmail(input)).toMatchObject({ status: 'sent' });
    expect(await journey.sendEmail(input)).toMatchObject({ status: 'sent' }); // a retried attempt
    expect(sink.messages).toHaveLength(1);
    expect(await db.select().from(runs)).toMatchObject([{ status: 'running', currentNodeId: 'send-1' }]);
    expect((await db.select().from(runSteps)).map((row) => [row.seq, row.nodeId, row.leftAt !== null])).toEqual([
      [1, 'trigger', true],
      [2, 'send-1', false],
    ]);
  });
});

describe('recordProgress of a failed step', () => {
  it('stores the step as failed and the run with its count of failed steps; a record without a count keeps it', async () => {
    const journey = createActivities({ db, transport: sink.transport, config });
    const send: StepRecord = { ...step, nodeId: 'send-1', nodeType: 'send_email', leftAt: '2026-03-01T12:00:02.000Z', outcome: 'failed: template_missing', exit: 'next', failed: true };
    await journey.recordProgress({ run: { ...run, currentNodeId: 'send-1', failedSteps: 1 }, step: send });
    await journey.recordProgress({ run: { ...run, status: 'completed', currentNodeId: 'exit', endedAt: '2026-03-01T12:00:03.000Z' } });
    expect(await db.select().from(runs)).toMatchObject([{ status: 'completed', failedSteps: 1 }]);
    expect(await db.select().from(runSteps)).toMatchObject([{ nodeId: 'send-1', failed: true, outcome: 'failed: template_missing' }]);
  });
});

describe('loadCustomer and updateCustomer', () => {
  it('reads the customer as stored and merges trait changes', async () => {
    await upsertCustomer(db, 'ada', { email: 'ada@example.com', plan: 'free' });
    const journey = createActivities({ db, transport: sink.transport, config });
    expect(await journey.loadCustomer('nobody')).toBeNull();
    const updated = await journey.updateCustomer({ workflowId: run.workflowId, nodeId: 'update-1', customerId: 'ada', traits: { plan: 'pro' }, lifecycleStage: 'active' });
    expect(updated).toMatchObject({ id: 'ada', email: 'ada@example.com', traits: { email: 'ada@example.com', plan: 'pro' }, lifecycleStage: 'active' });
    expect(await journey.loadCustomer('ada')).toEqual(updated);
  });
});
