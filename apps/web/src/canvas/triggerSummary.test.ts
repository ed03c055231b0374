import { describe, expect, it } from 'vitest';
import type { DraftNode } from '@lifecycle/journey';
import { nodeSummary } from './nodeSummary';

const names = { templates: new Map(), offers: new Map(), nodes: new Map(), segments: new Map([['seg_power', 'Power users']]) };
const trigger = (fields: Record<string, unknown>) => ({ id: 'start', type: 'trigger', ...fields }) as DraftNode;

describe("a trigger card's line", () => {
  it('names the segment entered or left, and the stage reached', () => {
    expect(nodeSummary(trigger({ entry: { kind: 'segment', segmentId: 'seg_power', on: 'entered', includeExisting: true } }), names)).toBe('When a customer enters “Power users”');
    expect(nodeSummary(trigger({ entry: { kind: 'segment', segmentId: 'seg_power', on: 'exited' } }), names)).toBe('When a customer leaves “Power users”');
    expect(nodeSummary(trigger({ entry: { kind: 'stage', stage: 'retention' }, conditions: { match: 'all', conditions: [{ source: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } }), names)).toBe('When a customer reaches “retention” matching 1 rule');
  });

  it('says an entry is not configured until its segment or stage is picked, and keeps event triggers as they were', () => {
    expect(nodeSummary(trigger({ entry: { kind: 'segment', segmentId: '' } }), names)).toBe('Not configured yet');
    expect(nodeSummary(trigger({ entry: { kind: 'stage' } }), names)).toBe('Not configured yet');
    expect(nodeSummary(trigger({ event: 'signed_up' }), names)).toBe('When “signed_up”');
    expect(nodeSummary(trigger({}), names)).toBe('Not configured yet');
  });
});
