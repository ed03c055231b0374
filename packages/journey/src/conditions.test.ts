import { describe, expect, it } from 'vitest';
import { evaluateCondition, lookupPath, type Facts } from './conditions';
import type { ConditionGroup, Rule, SourceRule } from './schema';

const facts: Facts = {
  customer: {
    traits: { plan: 'pro', seats: '5', tags: ['beta', 'vip'], address: { city: 'Lyon' }, trialEndsAt: '2026-03-01', active: true },
    lifecycleStage: 'trial',
    email: 'ada@example.com',
    subscription: 'subscribed',
  },
  event: { name: 'order_placed', properties: { amount: 120, items: { count: 3 } } },
};

function check(rule: Rule): boolean {
  return evaluateCondition({ match: 'all', conditions: [rule] }, facts).matched;
}
const trait = (path: string, op: SourceRule['op'], value?: SourceRule['value']): Rule => ({ source: 'trait', path, op, value });

describe('evaluateCondition operators', () => {
  it('eq and neq coerce numbers written as text', () => {
    expect(check(trait('seats', 'eq', 5))).toBe(true);
    expect(check(trait('seats', 'eq', '5.0'))).toBe(true);
    expect(check(trait('plan', 'eq', 'free'))).toBe(false);
    expect(check(trait('plan', 'neq', 'free'))).toBe(true);
    expect(check(trait('active', 'eq', 'true'))).toBe(true);
    expect(check(trait('plan', 'eq', 'Pro'))).toBe(false);
  });

  it('gt/gte/lt/lte compare numbers and ISO dates', () => {
    expect(check(trait('seats', 'gt', 4))).toBe(true);
    expect(check(trait('seats', 'gte', 5))).toBe(true);
    expect(check(trait('seats', 'lt', 5))).toBe(false);
    expect(check(trait('seats', 'lte', '5'))).toBe(true);
    expect(check(trait('trialEndsAt', 'gt', '2026-02-28T23:00:00Z'))).toBe(true);
    expect(check(trait('trialEndsAt', 'lt', '2026-02-28'))).toBe(false);
    expect(check(trait('plan', 'gt', 3))).toBe(false);
    expect(check(trait('missing', 'lt', 3))).toBe(false);
  });

  it('contains / not_contains work on text and lists', () => {
    expect(check({ source: 'customer', path: 'email', op: 'contains', value: '@example.com' })).toBe(true);
    expect(check(trait('tags', 'contains', 'vip'))).toBe(true);
    expect(check(trait('tags', 'contains', 'gold'))).toBe(false);
    expect(check(trait('tags', 'not_contains', 'gold'))).toBe(true);
    expect(check(trait('tags', 'not_contains', 'beta'))).toBe(false);
    expect(check(trait('missing', 'not_contains', 'x'))).toBe(true);
  });

  it('in matches any listed value', () => {
    expect(check(trait('plan', 'in', ['free', 'pro']))).toBe(true);
    expect(check(trait('plan', 'in', ['free', 'team']))).toBe(false);
    expect(check(trait('seats', 'in', [1, 5]))).toBe(true);
  });

  it('exists / not_exists', () => {
    expect(check(trait('plan', 'exists'))).toBe(true);
    expect(check(trait('nickname', 'exists'))).toBe(false);
    expect(check(trait('nickname', 'not_exists'))).toBe(true);
  });

  it('reads dotted paths, customer fields and event properties', () => {
    expect(check(trait('address.city', 'eq', 'Lyon'))).toBe(true);
    expect(check({ source: 'customer', path: 'lifecycleStage', op: 'eq', value: 'trial' })).toBe(true);
    expect(check({ source: 'event', path: 'amount', op: 'gte', value: 100 })).toBe(true);
    expect(check({ source: 'event', path: 'items.count', op: 'eq', value: 3 })).toBe(true);
    expect(lookupPath({ 'address.city': 'Paris', address: { city: 'Lyon' } }, 'address.city')).toBe('Paris');
    const noEvent = evaluateCondition(
      { match: 'all', conditions: [{ source: 'event', path: 'amount', op: 'exists' }] },
      { customer: facts.customer },
    );
    expect(noEvent.matched).toBe(false);
  });
});

describe('evaluateCondition groups', () => {
  const isPro = trait('plan', 'eq', 'pro');
  const isFree = trait('plan', 'eq', 'free');

  it('combines with all / any, nests, and reports every check', () => {
    const group: ConditionGroup = {
      match: 'all',
      conditions: [isPro, { match: 'any', conditions: [isFree, trait('address.city', 'eq', 'Lyon')] }],
    };
    const result = evaluateCondition(group, facts);
    expect(result.matched).toBe(true);
    expect(result.checks.map((c) => c.matched)).toEqual([true, false, true]);
    expect(evaluateCondition({ match: 'all', conditions: [isPro, isFree] }, facts).matched).toBe(false);
    expect(evaluateCondition({ match: 'any', conditions: [isPro, isFree] }, facts).matched).toBe(true);
    expect(evaluateCondition({ match: 'any', conditions: [] }, facts).matched).toBe(true);
  });

  it('explains each check in words', () => {
    const [miss] = evaluateCondition({ match: 'all', conditions: [isFree] }, facts).checks;
    expect(miss).toMatchObject({ actual: 'pro', matched: false, text: '`plan` was `pro`; rule `plan = free` did not match' });
    const [unset] = evaluateCondition({ match: 'all', conditions: [trait('nickname', 'exists')] }, facts).checks;
    expect(unset?.text).toBe('`nickname` was not set; rule `nickname is set` did not match');
    const [listed] = evaluateCondition({ match: 'all', conditions: [trait('plan', 'in', ['free', 'pro'])] }, facts).checks;
    expect(listed?.text).toBe('`plan` was `pro`; rule `plan is one of [free, pro]` matched');
  });
});
