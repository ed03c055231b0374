import { describe, expect, it } from 'vitest';
import { reachesGoalEvent } from './goalMatch';

const customer = { traits: {}, lifecycleStage: null, email: null, subscription: 'subscribed' as const };
const segmentGoal = { kind: 'segment_entered' as const, segmentId: 'seg_vip' };

describe('segment goals', () => {
  it('are reached by a customer joining the segment, not by the entry of those already in it at a publish', () => {
    const joined = { name: 'segment_entered', properties: { segmentId: 'seg_vip' } };
    const backfilled = { name: 'segment_entered', properties: { segmentId: 'seg_vip', journeyId: 'j_other', backfill: true } };
    expect(reachesGoalEvent(segmentGoal, { customer, event: joined })).toBe(true);
    expect(reachesGoalEvent(segmentGoal, { customer, event: backfilled })).toBe(false);
    expect(reachesGoalEvent(segmentGoal, { customer, event: { ...joined, properties: { segmentId: 'seg_other' } } })).toBe(false);
  });
});
