import { describe, expect, it } from 'vitest';
import { chooseBranch, triggerMatches } from './branching';
import type { Facts } from './conditions';
import type { NodeOf } from './schema';

const customer = (plan: string): Facts['customer'] => ({ traits: { plan }, lifecycleStage: null, email: null, subscription: 'subscribed' });

const split: NodeOf<'condition_split'> = {
  id: 'split',
  type: 'condition_split',
  branches: [
    {
      id: 'free',
      label: 'Free users',
      condition: { match: 'all', conditions: [{ source: 'trait', path: 'plan', op: 'eq', value: 'free' }] },
    },
    { id: 'team', condition: { match: 'all', conditions: [{ source: 'trait', path: 'plan', op: 'eq', value: 'team' }] } },
  ],
};

describe('chooseBranch', () => {
  it('takes the first matching branch and says why', () => {
    const choice = chooseBranch(split, { customer: customer('free') });
    expect(choice.exit).toBe('free');
    expect(choice.reason).toBe('`plan` was `free`, rule `plan = free` matched → Free users');
    expect(choice.checks).toHaveLength(1);
  });

  it('falls to else listing each failed rule', () => {
    const single: NodeOf<'condition_split'> = { ...split, branches: split.branches.slice(0, 1) };
    expect(chooseBranch(single, { customer: customer('pro') })).toMatchObject({
      exit: 'else',
      reason: '`plan` was `pro`, rule `plan = free` did not match → else',
    });
    const both = chooseBranch(split, { customer: customer('pro') });
    expect(both.exit).toBe('else');
    expect(both.reason).toBe(
      '`plan` was `pro`, rule `plan = free` did not match; `plan` was `pro`, rule `plan = team` did not match → else',
    );
    expect(both.checks).toHaveLength(2);
  });

  it('names a later branch by id when it has no label', () => {
    const choice = chooseBranch(split, { customer: customer('team') });
    expect(choice.exit).toBe('team');
    expect(choice.reason.endsWith('→ team')).toBe(true);
  });
});

describe('triggerMatches', () => {
  const trigger: NodeOf<'trigger'> = {
    id: 'trigger',
    type: 'trigger',
    event: 'order_placed',
    reentry: { policy: 'once' },
    conditions: { match: 'all', conditions: [{ source: 'event', path: 'amount', op: 'gte', value: 100 }] },
  };

  it('needs the same event name and matching event properties', () => {
    expect(triggerMatches(trigger, 'j1', { name: 'order_placed', properties: { amount: 150 } }, customer('pro'))).toBe(true);
    expect(triggerMatches(trigger, 'j1', { name: 'order_placed', properties: { amount: 50 } }, customer('pro'))).toBe(false);
    expect(triggerMatches(trigger, 'j1', { name: 'signed_up', properties: { amount: 150 } }, customer('pro'))).toBe(false);
    const { conditions: _ignored, ...bare } = trigger;
    expect(triggerMatches(bare, 'j1', { name: 'order_placed', properties: {} }, customer('pro'))).toBe(true);
  });
});
