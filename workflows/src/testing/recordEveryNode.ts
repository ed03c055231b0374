import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { JourneyGraph } from '@lifecycle/journey';
import { customerEventSignal, type JourneyRunInput } from '../messages';
import { customerEvent, startJourneyHarness } from './journeyHarness';
import { customer } from './memoryActivities';

/**
 * Records a run through every node type with the code as it is now, for journeyRun.replay.test.ts (README "Changing
 * the interpreter"): the graph and the events of the first such recording, each event sent where that run got it.
 * `node --import tsx workflows/src/testing/recordEveryNode.ts workflows/src/testing/histories/everyNode.<change>.json`
 */
export const EVERY_NODE_WORKFLOW_ID = 'journey/every-node/nia/once';

// The SDK's own writer of history files (the proto JSON form replay reads), from the copy the worker depends on.
const fromWorker = createRequire(createRequire(import.meta.url).resolve('@temporalio/worker'));
const { historyToJSON } = fromWorker('@temporalio/common/lib/proto-utils') as { historyToJSON: (history: unknown) => string };

/** A run through every node type on a fresh harness: its history as a replay file holds it (proto JSON). */
export async function recordEveryNode(): Promise<string> {
  const first = JSON.parse(await readFile(new URL('./histories/everyNode.beforeContinueAsNew.json', import.meta.url), 'utf8')) as {
    events: { workflowExecutionStartedEventAttributes?: { input: { payloads: { data: string }[] } } }[];
  };
  const startedInput = first.events[0]?.workflowExecutionStartedEventAttributes?.input.payloads[0]?.data;
  if (!startedInput) throw new Error('the first recording has no input');
  const { graph } = JSON.parse(Buffer.from(startedInput, 'base64').toString('utf8')) as JourneyRunInput & { graph: JourneyGraph };

  const harness = await startJourneyHarness();
  try {
    harness.world.customers.set('nia', customer('nia', { owner_email: 'owner@team.test' }));
    const handle = await harness.start(graph, 'nia', { workflowId: EVERY_NODE_WORKFLOW_ID });
    const at = (nodeId: string) => harness.progressWhen(handle, (progress) => progress.currentNodeId === nodeId && progress.status === 'waiting');
    await at('opened');
    await handle.signal(customerEventSignal, customerEvent('evt-noise-1', 'page_viewed'));
    await handle.signal(customerEventSignal, customerEvent('evt-open', 'email_opened', { workflowId: EVERY_NODE_WORKFLOW_ID, nodeId: 'send_code', deliveryId: `${EVERY_NODE_WORKFLOW_ID}/send_code` }));
    await at('until_monday');
    await handle.signal(customerEventSignal, customerEvent('evt-traits', 'customer_traits_updated', { traits: ['plan'] }));
    await harness.env.sleep('8 days'); // past the Monday, then the webhook, the note and the one-day wait
    await at('bought');
    await handle.signal(customerEventSignal, customerEvent('evt-small', 'purchase', { amount: 5 }));
    await handle.signal(customerEventSignal, customerEvent('evt-big', 'purchase', { amount: 500 }));
    await handle.result();
    return `${historyToJSON(await handle.fetchHistory())}\n`;
  } finally {
    await harness.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: recordEveryNode.ts <history.json>');
  await writeFile(out, await recordEveryNode());
  console.log(`recorded ${EVERY_NODE_WORKFLOW_ID} into ${out}`);
  process.exit(0);
}
