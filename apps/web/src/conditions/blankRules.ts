import type { ConditionKind, ConditionRule } from '@lifecycle/journey';

/** A new rule of each kind, as the "add a condition" menu offers them. */
export const blankRules: Record<ConditionKind, ConditionRule> = {
  trait: { kind: 'trait', path: 'plan', op: 'eq', value: '' },
  customer: { kind: 'customer', field: 'subscription', op: 'eq', value: 'subscribed' },
  stage: { kind: 'stage', op: 'eq', value: '' },
  event: { kind: 'event', event: '', op: 'happened', within: { amount: 30, unit: 'days' } },
  email: { kind: 'email', action: 'opened', op: 'happened', within: { amount: 30, unit: 'days' } },
  offer: { kind: 'offer', held: true, state: 'granted' },
  segment: { kind: 'segment', segmentId: '', member: true },
  event_property: { kind: 'event_property', path: '', op: 'eq', value: '' },
};
