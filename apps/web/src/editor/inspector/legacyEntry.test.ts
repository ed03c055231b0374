import { describe, expect, it } from 'vitest';
import { legacyLifecycleEntry } from './legacyEntry';

const on = (path: string, value: unknown) => ({ source: 'event' as const, path, op: 'eq' as const, value });

describe('a trigger on the raw segment or stage event, read as the entry it means', () => {
  it('turns segment_entered with a segmentId condition into a segment entry, keeping the other conditions', () => {
    const plan = { source: 'trait' as const, path: 'plan', op: 'eq' as const, value: 'pro' };
    expect(legacyLifecycleEntry({ event: 'segment_entered', conditions: { match: 'all', conditions: [plan, on('segmentId', 'seg_1')] } })).toEqual({
      entry: { kind: 'segment', segmentId: 'seg_1', on: 'entered', includeExisting: false },
      conditions: { match: 'all', conditions: [plan] },
    });
    expect(legacyLifecycleEntry({ event: 'segment_exited', conditions: { match: 'all', conditions: [on('segmentId', 'seg_1')] } })).toEqual({
      entry: { kind: 'segment', segmentId: 'seg_1', on: 'exited', includeExisting: false },
      conditions: undefined,
    });
    expect(legacyLifecycleEntry({ event: 'stage_entered', conditions: { match: 'all', conditions: [on('stage', 'retention')] } })?.entry).toEqual({ kind: 'stage', stage: 'retention' });
  });

  it('leaves alone what it cannot convert without changing its meaning', () => {
    expect(legacyLifecycleEntry({ event: 'signed_up', conditions: { match: 'all', conditions: [on('segmentId', 'seg_1')] } })).toBeNull();
    expect(legacyLifecycleEntry({ event: 'segment_entered' })).toBeNull();
    expect(legacyLifecycleEntry({ event: 'segment_entered', conditions: { match: 'any', conditions: [on('segmentId', 'seg_1')] } })).toBeNull();
    expect(legacyLifecycleEntry({ event: 'segment_entered', conditions: { match: 'all', conditions: [{ ...on('segmentId', 'seg_1'), op: 'neq' }] } })).toBeNull();
  });
});
