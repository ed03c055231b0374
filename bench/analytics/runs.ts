import { upsertRun, type Db } from '@lifecycle/db';
import { customerId } from './customers';
import type { EventSink } from './eventSink';
import type { BenchJourney } from './journeys';
import { DAY_MS, weighted } from '../../scripts/demoData/random';

const STATUSES = [['completed', 55], ['converted', 20], ['waiting', 15], ['failed', 5], ['cancelled', 5]] as const;

/**
 * Journey runs with two emails each until `deliveries` are made: the run row through `upsertRun` (so a converted
 * run records its conversion, and any rollup hooked there sees it), its steps and deliveries as raw rows (the
 * worker's records), and each open and click as the `email_opened` / `email_clicked` event the tracking routes
 * store, through the analytics hook. Continues from the counts `made` so far up to `upTo` deliveries (one chunk
 * of the build: the same chunk and generator always make the same rows).
 */
export async function generateRuns(
  db: Db,
  sink: EventSink,
  random: () => number,
  options: { made: { runs: number; deliveries: number }; upTo: number; customers: number; journeys: BenchJourney[]; days: number; now: number },
): Promise<{ runs: number; deliveries: number }> {
  const step = db.prepare(`INSERT INTO run_steps (workflow_id, seq, node_id, node_type, entered_at, left_at, outcome, exit, detail, failed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`);
  const delivery = db.prepare(
    `INSERT INTO deliveries (id, idempotency_key, workflow_id, node_id, journey_id, customer_id, template_id, "to", subject, message_id, status, attempts, created_at, sent_at, opened_at, clicked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Hello', ?, ?, 1, ?, ?, ?, ?)`,
  );
  let made = options.made.deliveries;
  let runs = options.made.runs;
  while (made < options.upTo) {
    const journey = options.journeys[Math.floor(random() * options.journeys.length)]!;
    const customer = customerId(1 + Math.floor(random() * options.customers));
    const started = options.now - random() * options.days * DAY_MS;
    const workflowId = `bench-run-${++runs}`;
    const status = weighted(random, STATUSES);
    const arm = random() < 0.5 ? 'a' : 'b';
    const ended = status === 'waiting' ? null : Math.min(options.now - 1000, started + (1 + random() * 6) * DAY_MS);
    const at = (ms: number) => new Date(ms).toISOString();
    await upsertRun(db, { workflowId, journeyId: journey.id, versionId: journey.versionId, customerId: customer, triggerEventId: null, status, currentNodeId: status === 'waiting' ? 'wait' : 'exit', waitingUntil: status === 'waiting' ? at(started + 3 * DAY_MS) : null, error: status === 'failed' ? 'bench failure' : null, startedAt: at(started), endedAt: ended === null ? null : at(ended) });
    const sends = status === 'waiting' ? [`send_${arm}`] : [`send_${arm}`, 'send_follow'];
    const path = ['trigger', 'split', `send_${arm}`, 'wait', ...(status === 'waiting' ? [] : ['send_follow', 'exit'])];
    for (const [seq, nodeId] of path.entries()) {
      const entered = started + seq * (nodeId === 'send_follow' || nodeId === 'exit' ? 3 * DAY_MS : 1000);
      const type = nodeId === 'split' ? 'random_split' : nodeId.startsWith('send') ? 'send_email' : nodeId;
      await step.run(workflowId, seq, nodeId, type, at(entered), nodeId === 'wait' && status === 'waiting' ? null : at(entered + 500), 'ok', nodeId === 'split' ? arm : nodeId === 'exit' ? null : 'next', 0);
    }
    for (const nodeId of sends) {
      const sentAt = started + (nodeId === 'send_follow' ? 3 * DAY_MS : 2000);
      if (sentAt > options.now) continue;
      const id = `dlv_bench_${++made}`;
      const template = `tpl_bench_${1 + (made % 10)}`;
      const failed = random() < 0.02;
      const openedAt = !failed && random() < 0.38 ? sentAt + random() * DAY_MS : null;
      const clickedAt = openedAt !== null && random() < 0.25 ? openedAt + random() * 3_600_000 : null;
      const live = (ms: number | null) => (ms !== null && ms < options.now ? at(ms) : null);
      await delivery.run(id, `${workflowId}:${nodeId}`, workflowId, nodeId, journey.id, customer, template, `${customer}@example.com`, `<${id}@bench>`, failed ? 'failed' : 'sent', at(sentAt), failed ? null : at(sentAt), live(openedAt), live(clickedAt));
      const engagement = { deliveryId: id, workflowId, nodeId, templateId: template };
      if (live(openedAt)) await sink.write({ type: 'internal', name: 'email_opened', customerId: customer, properties: engagement, traits: null, timestamp: at(openedAt!) });
      if (live(clickedAt)) await sink.write({ type: 'internal', name: 'email_clicked', customerId: customer, properties: { ...engagement, url: 'https://example.com/offer' }, traits: null, timestamp: at(clickedAt!) });
    }
  }
  return { runs, deliveries: made };
}
