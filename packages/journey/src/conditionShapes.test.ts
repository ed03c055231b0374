import { describe, expect, it } from 'vitest';
import { evaluateCondition, type Facts } from './conditions';
import { conditionPlaceProblems } from './conditionPlaces';
import { ConditionGroup, JourneyGraph } from './schema';
import { SegmentGroup } from './segments';

const facts: Facts = {
  customer: { traits: { plan: 'Pro', tags: ['beta'] }, lifecycleStage: 'retention', email: 'ada@example.com', subscription: 'subscribed' },
  event: { name: 'purchase', properties: { amount: 120, coupon: 'SPRING' } },
};

describe('old shapes stay valid and mean what they meant', () => {
  it('an old journey rule with `source` parses unchanged and evaluates as before (contains stays case-sensitive there)', () => {
    const old = { match: 'all', conditions: [{ source: 'trait', path: 'plan', op: 'contains', value: 'pr' }, { source: 'event', path: 'amount', op: 'gte', value: 100 }] };
    const parsed = ConditionGroup.parse(old);
    expect(parsed).toEqual(old);
    expect(evaluateCondition(parsed, facts).matched).toBe(false);
    expect(evaluateCondition(ConditionGroup.parse({ match: 'any', conditions: old.conditions }), facts).checks.map((check) => check.text)).toEqual([
      '`plan` was `Pro`; rule `plan contains pr` did not match',
      '`event.amount` was `120`; rule `event.amount ≥ 100` matched',
    ]);
  });

  it('every old segment rule shape still parses as a segment, unchanged', () => {
    const old = {
      match: 'all',
      conditions: [
        { kind: 'trait', path: 'plan', op: 'eq', value: 'pro' },
        { kind: 'stage', op: 'in', value: ['retention'] },
        { kind: 'event', event: 'purchase', op: 'count', count: { op: 'gte', value: 2 }, within: { amount: 30, unit: 'days' } },
        { kind: 'email', action: 'opened', op: 'happened', within: { amount: 7, unit: 'days' } },
        { kind: 'offer', offerId: 'off_1', held: true },
        { match: 'any', conditions: [{ kind: 'segment', segmentId: 'seg_1', member: false }] },
      ],
    };
    expect(SegmentGroup.parse(old)).toEqual(old);
    // The same definition is a journey condition too: one language.
    expect(ConditionGroup.parse(old)).toEqual(old);
  });

  it('a segment refuses the two run-only shapes, naming the field', () => {
    const result = SegmentGroup.safeParse({ match: 'all', conditions: [{ kind: 'email', action: 'opened', op: 'happened', sendNodeId: 'send_1' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['conditions', 0, 'sendNodeId'], message: 'a segment has no run: choose "any email" instead of a send step' });
    expect(SegmentGroup.safeParse({ match: 'all', conditions: [{ kind: 'event_property', path: 'amount', op: 'exists' }] }).success).toBe(false);
  });
});

describe('where history conditions may be used', () => {
  const graph = (extra: object) =>
    JourneyGraph.parse({
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'signed_up' },
        { id: 'wait', type: 'wait_for_event', awaited: { kind: 'event', event: 'purchase', conditions: { match: 'all', conditions: [{ kind: 'event', event: 'visit', op: 'happened' }] } }, timeout: { amount: 1, unit: 'days' } },
        { id: 'split', type: 'condition_split', branches: [{ id: 'b', condition: { match: 'all', conditions: [{ kind: 'email', action: 'opened', op: 'happened', sendNodeId: 'send_gone' }] } }] },
      ],
      edges: [],
      ...extra,
    });

  it('a wait-for-event filter and a goal may read history (through the activity); an email rule names a send step of the journey', () => {
    const problems = conditionPlaceProblems(graph({ goal: { event: 'purchase', conditions: { match: 'all', conditions: [{ kind: 'segment', segmentId: 's', member: true }] } } }));
    expect(problems.map((problem) => [problem.nodeId, problem.field, problem.code])).toEqual([['split', 'branches.0.condition', 'unknown_send_node']]);
  });
});
