import { events, stageHistoryOf, upsertCustomer, type Db } from '@lifecycle/db';
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

describe('updateCustomer setting the lifecycle stage', () => {
  it('records the change with the node as its cause and emits stage_entered once, however often it is retried', async () => {
    await upsertCustomer(db, 'ada', { email: 'ada@example.com' });
    const journey = createActivities({ db, transport: sink.transport, config });
    const input = { workflowId: 'journey/j1/ada/once', nodeId: 'set-stage', customerId: 'ada', lifecycleStage: 'advocacy' };
    await journey.updateCustomer(input);
    await journey.updateCustomer(input);
    expect((await stageHistoryOf(db, 'ada')).map((change) => [change.toStage, change.cause])).toEqual([['advocacy', 'journey node set-stage (run journey/j1/ada/once)']]);
    const emitted = (await db.select().from(events)).filter((event) => event.name === 'stage_entered');
    expect(emitted.map((event) => event.properties)).toEqual([{ stage: 'advocacy', previousStage: null, cause: 'journey node set-stage (run journey/j1/ada/once)' }]);
  });
});
