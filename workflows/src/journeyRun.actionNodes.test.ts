import type { JourneyGraph } from '@lifecycle/journey';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJourneyHarness, type JourneyHarness } from './testing/journeyHarness';
import { memoryOutbound } from './testing/memoryActionNodes';
import { customer } from './testing/memoryActivities';
import { finishedSteps, lastRun } from './testing/recorded';

let harness: JourneyHarness;
beforeAll(async () => {
  harness = await startJourneyHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/** signed_up → webhook → (succeeded) notify the owner → exit; (failed) → exit. */
function hookGraph(attempts: number): JourneyGraph {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', event: 'signed_up', reentry: { policy: 'once' } },
      { id: 'call_crm', type: 'webhook', method: 'POST', url: 'https://crm.example.com/hook', body: '{}', attempts, saveTraits: [{ answerPath: 'score', trait: 'crm_score' }] },
      { id: 'tell_owner', type: 'notify_team', recipient: { kind: 'trait', trait: 'owner_email' } },
      { id: 'done', type: 'exit' },
      { id: 'gave_up', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'call_crm' },
      { id: 'e2', source: 'call_crm', sourceExit: 'succeeded', target: 'tell_owner' },
      { id: 'e3', source: 'call_crm', sourceExit: 'failed', target: 'gave_up' },
      { id: 'e4', source: 'tell_owner', sourceExit: 'next', target: 'done' },
    ],
  };
}

describe('webhook and notify-the-team steps', () => {
  it('retries a 503 with the activity retry policy, then takes `succeeded`, saves the answer and tells the owner', async () => {
    harness.world.customers.set('ada', customer('ada', { owner_email: 'owner@team.test' }));
    const outbound = memoryOutbound(harness.world);
    outbound.answers = [503, 503, 200];
    outbound.answerBody = { score: 87 };
    const handle = await harness.start(hookGraph(3), 'ada');
    expect(await handle.result()).toBe('completed');
    const steps = finishedSteps(harness.world, handle.workflowId);
    expect(steps.map((step) => [step.nodeId, step.exit])).toEqual([['trigger', 'next'], ['call_crm', 'succeeded'], ['tell_owner', 'next'], ['done', null]]);
    expect(steps[1]?.outcome).toBe('POST https://crm.example.com/hook answered 200; saved `crm_score`');
    expect(steps[2]?.outcome).toBe('told owner@team.test: “Customer alert”');
    expect(outbound.calls.filter((call) => call.workflowId === handle.workflowId)).toHaveLength(3);
    expect(harness.world.customers.get('ada')?.traits.crm_score).toBe(87);
  });

  it('takes `failed` once the attempts run out, marking the step failed', async () => {
    harness.world.customers.set('bob', customer('bob'));
    const outbound = memoryOutbound(harness.world);
    outbound.answers = [503, 503];
    const handle = await harness.start(hookGraph(2), 'bob');
    expect(await handle.result()).toBe('completed');
    const steps = finishedSteps(harness.world, handle.workflowId);
    expect(steps.map((step) => [step.nodeId, step.exit])).toEqual([['trigger', 'next'], ['call_crm', 'failed'], ['gave_up', null]]);
    expect(steps[1]).toMatchObject({ failed: true, outcome: 'failed after 2 attempts: the receiver answered 503' });
    expect(lastRun(harness.world, handle.workflowId)?.failedSteps).toBe(1);
  });
});
