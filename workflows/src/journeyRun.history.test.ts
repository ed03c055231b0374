import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConditionGroup, JourneyNode } from '@lifecycle/journey';
import { journeyRunId } from './ids';
import { allOf, graphOf } from './testing/graphs';
import { startJourneyHarness, type JourneyHarness } from './testing/journeyHarness';
import { customer } from './testing/memoryActivities';
import { finishedSteps } from './testing/recorded';

const day = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

let harness: JourneyHarness;
beforeAll(async () => {
  harness = await startJourneyHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/** signed_up → (optional nodes first) → split on `condition` → exit_yes / exit_else. */
function splitGraph(condition: ConditionGroup, before: JourneyNode[] = []) {
  const chain = before.map((node) => node.id);
  return graphOf(
    [
      ...before,
      { id: 'split', type: 'condition_split', branches: [{ id: 'yes', label: 'Yes', condition }] },
      { id: 'exit_yes', type: 'exit' },
      { id: 'exit_else', type: 'exit' },
    ],
    [
      ...[['trigger'], ...chain.map((id) => [id])].map(([from], index): [string, string, string] => [from ?? 'trigger', 'next', chain[index] ?? 'split']),
      ['split', 'yes', 'exit_yes'],
      ['split', 'else', 'exit_else'],
    ],
  );
}

/** Runs the graph for a new customer and returns the split's recorded step. */
async function splitStep(customerId: string, condition: ConditionGroup, options: { before?: JourneyNode[]; stage?: string } = {}) {
  harness.world.customers.set(customerId, customer(customerId, {}, { lifecycleStage: options.stage ?? null }));
  const handle = await harness.start(splitGraph(condition, options.before), customerId, { workflowId: journeyRunId('history', customerId, 'once') });
  expect(await handle.result()).toBe('completed');
  const step = finishedSteps(harness.world, handle.workflowId).find((recorded) => recorded.nodeId === 'split');
  if (!step) throw new Error('the split was not recorded');
  return step;
}

const purchasedIn30Days = allOf({ kind: 'event', event: 'purchase', op: 'happened', within: { amount: 30, unit: 'days' } });

describe('condition split on stored history (read through the readHistory activity)', () => {
  it('"purchased in the last 30 days": a purchase 40 days ago does not count, and the reason says what was read', async () => {
    harness.world.history.events.push({ customerId: 'hana', name: 'purchase', properties: { amount: 30 }, timestamp: ago(40 * day) });
    const step = await splitStep('hana', purchasedIn30Days);
    expect(step.exit).toBe('else');
    expect(step.outcome).toBe('`purchase` 0 times in the last 30 days (needed ≥ 1) → else');
    expect(step.detail).toMatchObject({ checks: [{ actual: 0, matched: false }] });
  });

  it('"purchased in the last 30 days": a purchase 3 days ago takes the branch', async () => {
    harness.world.history.events.push({ customerId: 'ivan', name: 'purchase', properties: { amount: 30 }, timestamp: ago(3 * day) });
    const step = await splitStep('ivan', purchasedIn30Days);
    expect(step).toMatchObject({ exit: 'yes', outcome: '`purchase` 1 time in the last 30 days (needed ≥ 1) → Yes' });
  });

  it('counts only purchases matching the property filter, at least N times', async () => {
    for (const amount of [20, 150, 200]) harness.world.history.events.push({ customerId: 'jo', name: 'purchase', properties: { amount }, timestamp: ago(day) });
    const step = await splitStep('jo', allOf({ kind: 'event', event: 'purchase', op: 'count', count: { op: 'gte', value: 3 }, where: [{ path: 'amount', op: 'gte', value: 100 }] }));
    expect(step).toMatchObject({ exit: 'else', outcome: '`purchase` with amount ≥ 100 2 times ever (needed ≥ 3) → else' });
  });

  it('segment membership, by the segment name', async () => {
    harness.world.history.segments.set('seg_vip', { name: 'VIPs', members: new Set(['kim']) });
    const step = await splitStep('kim', allOf({ kind: 'segment', segmentId: 'seg_vip', member: true }));
    expect(step).toMatchObject({ exit: 'yes', outcome: 'in segment `VIPs`: yes (needed yes) → Yes' });
  });

  it('lifecycle stage, from the customer as stored now', async () => {
    const step = await splitStep('lea', allOf({ kind: 'stage', op: 'eq', value: 'retention' }), { stage: 'onboarding' });
    expect(step).toMatchObject({ exit: 'else', outcome: '`stage` was `onboarding`, rule `stage = retention` did not match → else' });
  });

  it('"opened the welcome email of this run": an open of another run\'s email does not count', async () => {
    const send: JourneyNode = { id: 'send_welcome', type: 'send_email', templateId: 'tpl_welcome' };
    const opened = allOf({ kind: 'email', action: 'opened', op: 'happened', sendNodeId: 'send_welcome' });
    const other = journeyRunId('other', 'max', 'once');
    harness.world.history.emails.push({ customerId: 'max', workflowId: other, nodeId: 'send_welcome', openedAt: ago(day) });
    expect(await splitStep('max', opened, { before: [send] })).toMatchObject({ exit: 'else', outcome: 'opened the email of `send_welcome` (this run): 0 times (needed ≥ 1) → else' });
    harness.world.history.emails.push({ customerId: 'ned', workflowId: journeyRunId('history', 'ned', 'once'), nodeId: 'send_welcome', openedAt: ago(0) });
    expect(await splitStep('ned', opened, { before: [send] })).toMatchObject({ exit: 'yes' });
  });

  it('offer redeemed: a granted code that was not used is not a redemption', async () => {
    const redeemed = allOf({ kind: 'offer', offerId: 'off_10', held: true, state: 'redeemed' });
    harness.world.history.offerCodes.push({ customerId: 'olga', offerId: 'off_10' });
    expect(await splitStep('olga', redeemed)).toMatchObject({ exit: 'else', outcome: 'codes of `off_10` redeemed: 0 (needed ≥ 1) → else' });
    harness.world.history.offerCodes.push({ customerId: 'pia', offerId: 'off_10', redeemedAt: ago(day) });
    expect(await splitStep('pia', redeemed)).toMatchObject({ exit: 'yes', outcome: 'codes of `off_10` redeemed: 1 (needed ≥ 1) → Yes' });
  });

  it('an old `source` rule still branches exactly as before, with no history read', async () => {
    const step = await splitStep('quin', allOf({ source: 'customer', path: 'lifecycleStage', op: 'eq', value: 'retention' }), { stage: 'retention' });
    expect(step).toMatchObject({ exit: 'yes', outcome: '`lifecycleStage` was `retention`, rule `lifecycleStage = retention` matched → Yes' });
  });
});
