import { describe, expect, it } from 'vitest';
import { entryMatches, isEntryBackfill } from './entry';
import { nodeName } from './nodeNames';
import { referenceProblems } from './referenceProblems';
import { TriggerNode, type NodeOf } from './schema';

const trigger = (fields: Record<string, unknown>): NodeOf<'trigger'> => TriggerNode.parse({ id: 'start', type: 'trigger', ...fields });
const entered = (properties: Record<string, unknown>) => ({ name: 'segment_entered', properties });

describe('segment and stage entries', () => {
  const segmentTrigger = trigger({ entry: { kind: 'segment', segmentId: 'seg_power' } });

  it('enters on its segment, and on a member entered at publish only for the journey it is addressed to', () => {
    expect(entryMatches(segmentTrigger, 'j1', entered({ segmentId: 'seg_power' }))).toBe(true);
    expect(entryMatches(segmentTrigger, 'j1', entered({ segmentId: 'seg_other' }))).toBe(false);
    expect(entryMatches(segmentTrigger, 'j1', entered({ segmentId: 'seg_power', journeyId: 'j1', backfill: true }))).toBe(true);
    expect(entryMatches(segmentTrigger, 'j2', entered({ segmentId: 'seg_power', journeyId: 'j1', backfill: true }))).toBe(false);
    expect(entryMatches(segmentTrigger, 'j1', { name: 'segment_exited', properties: { segmentId: 'seg_power' } })).toBe(false);
    expect(isEntryBackfill(entered({ backfill: true }))).toBe(true);
    expect(isEntryBackfill(entered({ segmentId: 'seg_power' }))).toBe(false);
  });

  it('keeps a raw segment_entered trigger working, without the members another journey enters at its publish', () => {
    const raw = trigger({ event: 'segment_entered' });
    expect(entryMatches(raw, 'j2', entered({ segmentId: 'seg_power' }))).toBe(true);
    expect(entryMatches(raw, 'j2', entered({ segmentId: 'seg_power', journeyId: 'j1', backfill: true }))).toBe(false);
    // A customer's own event may carry any property, journeyId included.
    expect(entryMatches(trigger({ event: 'journey_shared' }), 'j2', { name: 'journey_shared', properties: { journeyId: 'j1' } })).toBe(true);
  });

  it('enters on leaving, and on reaching the stage it names', () => {
    expect(entryMatches(trigger({ entry: { kind: 'segment', segmentId: 'seg_power', on: 'exited' } }), 'j1', { name: 'segment_exited', properties: { segmentId: 'seg_power' } })).toBe(true);
    const stage = trigger({ entry: { kind: 'stage', stage: 'retention' } });
    expect(entryMatches(stage, 'j1', { name: 'stage_entered', properties: { stage: 'retention' } })).toBe(true);
    expect(entryMatches(stage, 'j1', { name: 'stage_entered', properties: { stage: 'churned' } })).toBe(false);
  });

  it('names the segment on the trigger, and never its id', () => {
    const names = { templates: new Map(), offers: new Map(), segments: new Map([['seg_power', 'Power users']]) };
    expect(nodeName(segmentTrigger, new Map(), names)).toBe('When a customer enters “Power users”');
    expect(nodeName(trigger({ entry: { kind: 'segment', segmentId: 'seg_power', on: 'exited' } }), new Map(), names)).toBe('When a customer leaves “Power users”');
    expect(nodeName(segmentTrigger, new Map(), { templates: new Map(), offers: new Map() })).toBe('When a customer enters a segment');
    expect(nodeName(trigger({ entry: { kind: 'stage', stage: 'retention' } }), new Map(), names)).toBe('When a customer reaches “retention”');
  });

  it('reports a segment that does not exist and a stage not configured, beside the field; unchecked without the lists', () => {
    const known = { templateIds: new Set<string>(), offerIds: new Set<string>(), segmentIds: new Set(['seg_power']), stages: new Set(['retention']) };
    const nodes = [
      { id: 'a', type: 'trigger' as const, entry: { kind: 'segment', segmentId: 'seg_gone' } },
      { id: 'b', type: 'trigger' as const, label: 'VIP', entry: { kind: 'stage', stage: 'vip' } },
      { id: 'c', type: 'trigger' as const, entry: { kind: 'segment', segmentId: 'seg_power' } },
    ];
    expect(referenceProblems(nodes, known)).toEqual([
      { nodeId: 'a', field: 'entry.segmentId', code: 'unknown_segment', message: "'a' starts on segment 'seg_gone', which does not exist (deleted?): choose another segment" },
      { nodeId: 'b', field: 'entry.stage', code: 'unknown_stage', message: "'VIP' starts on stage 'vip', which is not one of the configured lifecycle stages: choose a stage" },
    ]);
    expect(referenceProblems(nodes, { templateIds: new Set(), offerIds: new Set() })).toEqual([]);
  });
});
