import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyRunId } from './ids';
import { allOf, graphOf } from './testing/graphs';
import { startJourneyHarness, type JourneyHarness } from './testing/journeyHarness';
import { customer } from './testing/memoryActivities';
import { finishedSteps, lastRun } from './testing/recorded';

let harness: JourneyHarness;
beforeAll(async () => {
  harness = await startJourneyHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const planSplit = graphOf(
  [
    { id: 'plan', type: 'condition_split', branches: [{ id: 'pro', condition: allOf({ source: 'trait', path: 'plan', op: 'eq', value: 'pro' }) }] },
    { id: 'exit_pro', type: 'exit' },
    { id: 'exit_other', type: 'exit' },
  ],
  [
    ['trigger', 'next', 'plan'],
    ['plan', 'pro', 'exit_pro'],
    ['plan', 'else', 'exit_other'],
  ],
);

describe('a retried run (resumeAt)', () => {
  it('starts at the given node instead of the trigger and carries on from there', async () => {
    harness.world.customers.set('pat', customer('pat', { plan: 'pro' }));
    const workflowId = journeyRunId('welcome', 'pat', 'retry-1');
    const handle = await harness.start(planSplit, 'pat', { workflowId, resumeAt: 'plan' });
    expect(await handle.result()).toBe('completed');
    expect(finishedSteps(harness.world, workflowId).map((step) => step.nodeId)).toEqual(['plan', 'exit_pro']);
    expect(lastRun(harness.world, workflowId)).toMatchObject({ status: 'completed', currentNodeId: 'exit_pro' });
  });
});
