import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickArm, type NodeOf } from '@lifecycle/journey';
import { graphOf } from './testing/graphs';
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

const split: NodeOf<'random_split'> = {
  id: 'ab',
  type: 'random_split',
  arms: [
    { id: 'holdout', weight: 1, control: true },
    { id: 'offer', weight: 1 },
  ],
};

function experiment(node: NodeOf<'random_split'>) {
  return graphOf(
    [node, { id: 'mail_a', type: 'send_email', templateId: 'tpl_welcome' }, { id: 'mail_b', type: 'send_email', templateId: 'tpl_code' }, { id: 'done', type: 'exit' }],
    [
      ['trigger', 'next', 'ab'],
      ['ab', 'holdout', 'mail_a'],
      ['ab', 'offer', 'mail_b'],
      ['mail_a', 'next', 'done'],
      ['mail_b', 'next', 'done'],
    ],
  );
}

/** The first workflow id of the form `<prefix>/<n>` whose deterministic arm is `arm`. */
function workflowIdTaking(arm: string, prefix = 'exp'): string {
  for (let n = 0; ; n += 1) if (pickArm(split, `${prefix}/${n}/ab`) === arm) return `${prefix}/${n}`;
}

describe('journeyRun experiments', () => {
  it('a run in the control arm sends nothing, records the send as skipped, and still completes', async () => {
    harness.world.customers.set('cora', customer('cora', {}));
    const workflowId = workflowIdTaking('holdout');
    const handle = await harness.start(experiment(split), 'cora', { workflowId });
    await handle.result();
    expect(harness.world.sent.filter((send) => send.workflowId === workflowId)).toEqual([]);
    const steps = finishedSteps(harness.world, workflowId);
    expect(steps.find((step) => step.nodeId === 'ab')).toMatchObject({ exit: 'holdout', detail: { arm: 'holdout', control: true } });
    expect(steps.find((step) => step.nodeId === 'mail_a')).toMatchObject({ outcome: 'skipped: control arm', exit: 'next', detail: { reason: 'control_arm' } });
    expect(lastRun(harness.world, workflowId)?.status).toBe('completed');
  });

  it('a run in the other arm sends as before', async () => {
    harness.world.customers.set('tess', customer('tess', {}));
    const workflowId = workflowIdTaking('offer');
    const handle = await harness.start(experiment(split), 'tess', { workflowId });
    await handle.result();
    expect(harness.world.sent.filter((send) => send.workflowId === workflowId).map((send) => send.templateId)).toEqual(['tpl_code']);
  });

  it('once a winner is promoted every new run takes it, even one whose hash picks the control', async () => {
    harness.world.customers.set('pia', customer('pia', {}));
    const workflowId = workflowIdTaking('holdout', 'promoted');
    const promoted = { ...split, promotedArm: 'offer' };
    const handle = await harness.start(experiment(promoted), 'pia', { workflowId });
    await handle.result();
    expect(finishedSteps(harness.world, workflowId).find((step) => step.nodeId === 'ab')).toMatchObject({ exit: 'offer', detail: { promoted: true } });
    expect(harness.world.sent.filter((send) => send.workflowId === workflowId)).toHaveLength(1);
  });
});
