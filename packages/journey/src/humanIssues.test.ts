import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { humanIssues } from './humanIssues';
import { LifecycleConfig } from './lifecycleStages';
import { JourneyDraft, JourneyNode } from './schema';
import { SegmentGroup } from './segments';

function messagesOf(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  return humanIssues(parsed.error.issues, value).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

const rule = (path: string) => ({ source: 'trait', path, op: 'eq', value: 'pro' });

describe('zod issues in words for people', () => {
  it('asks for the awaited event instead of "Too small: expected string to have >=1 characters"', () => {
    const node = { id: 'w', type: 'wait_for_event', awaited: { kind: 'event', event: '' }, timeout: { amount: 2, unit: 'days' } };
    expect(messagesOf(JourneyNode, node)).toEqual([{ path: 'awaited.event', message: 'Choose the event to wait for' }]);
  });

  it('names the condition and the branch, counting from 1, instead of branches.0.condition.conditions.0.path', () => {
    const node = {
      id: 's',
      type: 'condition_split',
      branches: [
        { id: 'a', condition: { match: 'all', conditions: [rule('plan')] } },
        { id: 'b', condition: { match: 'all', conditions: [rule('')] } },
      ],
    };
    expect(messagesOf(JourneyNode, node)).toEqual([{ path: 'branches.1.condition.conditions.0.path', message: 'Condition 1 of branch 2: pick a trait' }]);
  });

  it('says the limit of a wait with its unit and thousands separator instead of "Too big: expected number to be <=3650"', () => {
    const node = { id: 'w', type: 'wait', duration: { amount: 5000, unit: 'days' } };
    expect(messagesOf(JourneyNode, node)).toEqual([{ path: 'duration.amount', message: 'A wait can be at most 3,650 days' }]);
    const hours = { id: 'w', type: 'wait', duration: { amount: 0, unit: 'hours' } };
    expect(messagesOf(JourneyNode, hours)).toEqual([{ path: 'duration.amount', message: 'A wait must be longer than 0 hours' }]);
  });

  it('names the timeout, an event property and a missing template the way the inspector labels them', () => {
    const waitFor = { id: 'w', type: 'wait_for_event', awaited: { kind: 'event', event: 'paid', conditions: { match: 'all', conditions: [{ source: 'event', path: '', op: 'eq' }] } }, timeout: { amount: 4000, unit: 'weeks' } };
    expect(messagesOf(JourneyNode, waitFor)).toEqual([
      { path: 'awaited.conditions.conditions.0.path', message: 'Condition 1: pick an event property' },
      { path: 'timeout.amount', message: 'The timeout can be at most 3,650 weeks' },
    ]);
    expect(messagesOf(JourneyNode, { id: 'e', type: 'send_email' })).toEqual([{ path: 'templateId', message: 'Choose an email template to send' }]);
  });

  it('names a step of a whole draft by its label, and a wrong comparison by its choices', () => {
    const draft = { nodes: [{ id: 'w', label: 'Pause', type: 'wait', duration: { amount: 9999, unit: 'days' } }], edges: [] };
    const parsed = JourneyDraft.extend({ nodes: z.array(JourneyNode) }).safeParse(draft);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(humanIssues(parsed.error.issues, draft).map((issue) => issue.message)).toEqual(["Step 'Pause': a wait can be at most 3,650 days"]);
    const badOp = { match: 'all', conditions: [{ kind: 'stage', op: 'gt', value: 'trial' }] };
    expect(messagesOf(SegmentGroup, badOp)).toEqual([{ path: 'conditions.0.op', message: 'Condition 1: comparison must be one of “eq”, “neq” or “in”' }]);
  });

  it('explains segment rules and groups: an empty event, a window too long, a nested group', () => {
    const group = {
      match: 'all',
      conditions: [
        { kind: 'event', event: '', op: 'happened' },
        { match: 'any', conditions: [{ kind: 'email', action: 'opened', op: 'happened', within: { amount: 4000, unit: 'days' } }] },
      ],
    };
    expect(messagesOf(SegmentGroup, group)).toEqual([
      { path: 'conditions.0.event', message: 'Condition 1: choose the event' },
      { path: 'conditions.1.conditions.0.within.amount', message: 'Condition 1 of group 2: the time window can be at most 3,650 days' },
    ]);
  });

  it('explains stage settings: a bad stage name keeps its rule, inactivity is counted in days', () => {
    const config = { stages: ['trial', 'Paid Users'], rules: [{ kind: 'inactive', days: 5000, to: 'trial' }, { kind: 'event', event: '', to: 'trial' }] };
    expect(messagesOf(LifecycleConfig, config)).toEqual([
      { path: 'stages.1', message: 'Stage 2: lowercase letters, digits and _ only' },
      { path: 'rules.0.days', message: 'Rule 1: the inactivity period can be at most 3,650 days' },
      { path: 'rules.1.event', message: 'Rule 2: choose the event' },
    ]);
    expect(messagesOf(LifecycleConfig, { stages: [], rules: [] })).toEqual([{ path: 'stages', message: 'Add at least one stage' }]);
    // An empty stage fails both its length and its pattern: it is asked for once.
    expect(messagesOf(LifecycleConfig, { stages: ['trial'], rules: [{ kind: 'identified', to: '' }] })).toEqual([{ path: 'rules.0.to', message: 'Rule 1: choose the stage customers move to' }]);
  });
});
