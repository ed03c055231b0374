import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { startPlatform, type Platform } from './platform';

// 2 days ≈ 21 s, 3 days ≈ 31 s: long enough to kill processes while runs wait, and for all six to be seen waiting at
// once although a loaded machine spreads their arrival (after the worker's self-kill) over many seconds.
const TIME_SCALE = 1.2e-4;
const customers = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
const sendNodes = ['send_reminder', 'send_welcome'];

type DeliveryRow = { customerId: string; nodeId: string; status: string; messageId: string; subject: string | null };

/** The deliveries table as the worker left it (read straight from the platform's database). */
function readDeliveries(platform: Platform): Promise<DeliveryRow[]> {
  return platform.withDatabase((db) =>
    db
      .prepare('select customer_id as "customerId", node_id as "nodeId", status, message_id as "messageId", subject from deliveries order by customer_id, node_id')
      .all<DeliveryRow>(),
  );
}

describe('crashes lose no step and send no email twice', () => {
  let platform: Platform;
  let journeyId: string;
  let crashMarker: string;

  beforeAll(async () => {
    crashMarker = join(tmpdir(), `lifecycle-crash-${process.pid}-${Date.now()}`);
    // The worker's fault hook: it kill -9s itself right after its first email is marked sent.
    platform = await startPlatform({ timeScale: TIME_SCALE, workerEnv: { LIFECYCLE_FAULT_CRASH_AFTER_SEND: crashMarker } });
    journeyId = await platform.client.publishWelcomeJourney();
  });
  afterAll(async () => platform?.stop());

  async function runsByStatus() {
    const runs = (await platform.client.runsOf(journeyId)).runs;
    return { runs, waiting: runs.filter((run) => run.currentNodeId === 'wait_2d' || run.currentNodeId === 'wait_open') };
  }

  it('survives the worker dying between sending and recording, then while runs wait, then the Temporal server and the API', async () => {
    for (const id of customers) await platform.client.identify(id, { email: `${id}@example.com` });
    for (const id of customers) await platform.client.track(id, 'signed_up');

    // 1. The worker kills itself (SIGKILL) after an email was sent and before the run recorded it.
    await waitFor(() => existsSync(crashMarker), { timeoutMs: 60_000, description: 'the worker to crash after a send' });
    await platform.worker.restart();

    // 2. kill -9 while every run sits in a wait, then restart.
    await waitFor(async () => (await runsByStatus()).waiting.length === customers.length, {
      timeoutMs: 90_000,
      description: 'all runs waiting',
    });
    await platform.worker.kill9();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await platform.worker.restart();

    // 3. kill -9 the Temporal server while runs wait; restart it on the same SQLite file.
    await platform.temporal.kill9();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await platform.temporal.restart();

    // 4. kill -9 the API right after it accepted an event: stored before the answer, dispatched after the restart.
    await platform.client.identify('late', { email: 'late@example.com' });
    await platform.client.track('late', 'signed_up');
    await platform.api.kill9();
    await platform.api.restart();
    customers.push('late');

    const done = await waitFor(
      async () => {
        const { runs } = await runsByStatus();
        return runs.length === customers.length && runs.every((run) => run.status === 'completed') ? runs : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, description: 'every run to complete' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${platform.logs()}`);
    });
    expect(done).toHaveLength(customers.length);

    // A send cut off while the SMTP server was receiving it is recorded as uncertain and never sent again;
    // every other email the journey meant to send arrived exactly once.
    const all = await platform.messages();
    const deliveries = await readDeliveries(platform);
    const arrivals = (row: DeliveryRow) => all.filter((message) => message.messageId === row.messageId).length;
    const uncertain = deliveries.filter((row) => row.status === 'uncertain');
    console.log(
      `uncertain deliveries: ${uncertain.length}`,
      uncertain.map((row) => `${row.customerId}/${row.nodeId} "${row.subject ?? ''}" ${arrivals(row) === 1 ? 'arrived' : 'did not arrive'}`),
    );
    for (const id of customers) {
      const inbox = all.filter((message) => message.to.includes(`${id}@example.com`));
      expect(new Set(inbox.map((message) => message.messageId)).size, `${id}: a Message-ID arrived twice`).toBe(inbox.length);
      expect(new Set(inbox.map((message) => message.subject)).size, `${id}: a subject arrived twice`).toBe(inbox.length);
      const rows = deliveries.filter((row) => row.customerId === id);
      expect(rows.map((row) => row.nodeId)).toEqual(sendNodes);
      expect(inbox.every((message) => rows.some((row) => row.messageId === message.messageId))).toBe(true);
      const arrivedOnce = rows.filter((row) => row.status === 'sent' && arrivals(row) === 1);
      const unsure = rows.filter((row) => row.status === 'uncertain');
      expect(arrivedOnce.length + unsure.length, `${id}: ${JSON.stringify(rows)}`).toBe(sendNodes.length);
    }
    // Only the first crash can catch sends mid-transfer, and by then the server has received most of them.
    const gotBoth = customers.filter((id) => all.filter((message) => message.to.includes(`${id}@example.com`)).length === sendNodes.length);
    expect(gotBoth.length).toBeGreaterThan(customers.length / 2);
    for (const run of done) {
      const detail = await platform.client.run(run.workflowId);
      expect(detail.steps.map((step) => step.nodeId)).toEqual(['trigger', 'send_welcome', 'wait_2d', 'wait_open', 'send_reminder', 'exit_reminded']);
    }
  });
});
