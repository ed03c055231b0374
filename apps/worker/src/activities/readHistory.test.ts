import { claimDelivery, insertEvent, markDeliveryOpened, upsertCustomer, type Db } from '@lifecycle/db';
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

describe('readHistory', () => {
  it("counts the customer's events in a window with property filters, and opens of this run's email only", async () => {
    await upsertCustomer(db, 'ada', {});
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    for (const [index, [amount, daysAgo]] of [[150, 2], [20, 3], [300, 60]].entries()) {
      await insertEvent(db, { id: `evt_${index}`, messageId: `m_${index}`, type: 'track', name: 'purchase', customerId: 'ada', properties: { amount }, timestamp: at(daysAgo!) });
    }
    for (const workflowId of ['journey/j/ada/once', 'journey/other/ada/once']) {
      const { delivery } = await claimDelivery(db, { id: `d_${workflowId}`, idempotencyKey: workflowId, workflowId, nodeId: 'send_welcome', customerId: 'ada', templateId: 't', messageId: `<${workflowId}>` });
      if (workflowId.includes('other')) await markDeliveryOpened(db, delivery.id, at(1));
    }
    const journey = createActivities({ db, transport: sink.transport, config });
    const answers = await journey.readHistory({
      customerId: 'ada',
      workflowId: 'journey/j/ada/once',
      questions: [
        { kind: 'event', event: 'purchase', since: at(30) },
        { kind: 'event', event: 'purchase', since: null, where: [{ path: 'amount', op: 'gte', value: 100 }] },
        { kind: 'email', action: 'opened', since: null, sendNodeId: 'send_welcome' },
        { kind: 'email', action: 'opened', since: at(7) },
      ],
    });
    expect(answers).toEqual([{ count: 2 }, { count: 2 }, { count: 0 }, { count: 1 }]);
  });
});
