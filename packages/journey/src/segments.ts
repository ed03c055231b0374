import { z } from 'zod';
import { ConditionRule } from './schema';

/**
 * One condition of a segment: a rule of the one condition language (`ConditionRule`). Segments are evaluated in
 * SQL over everyone, so the two run-only shapes are refused (`segmentOnlyProblem`).
 */
export const SegmentRule = ConditionRule;
export type SegmentRule = ConditionRule;

/** Why a rule cannot be part of a segment, or null when it can. */
export function segmentOnlyProblem(rule: ConditionRule): string | null {
  if (rule.kind === 'event_property') return 'a segment has no event in hand: use an event-history condition instead';
  if (rule.kind === 'email' && rule.sendNodeId !== undefined) return 'a segment has no run: choose "any email" instead of a send step';
  return null;
}

/** Rules and nested groups combined with AND (`all`) or OR (`any`). An empty group matches everyone. */
export const SegmentGroup = z.object({
  match: z.enum(['all', 'any']),
  get conditions(): z.ZodArray<z.ZodUnion<readonly [z.ZodType<SegmentRule>, typeof SegmentGroup]>> {
    return z.array(z.union([SegmentCondition, SegmentGroup])).max(50);
  },
});
export type SegmentGroup = { match: 'all' | 'any'; conditions: (SegmentRule | SegmentGroup)[] };

const SegmentCondition: z.ZodType<SegmentRule> = ConditionRule.superRefine((rule, context) => {
  const problem = segmentOnlyProblem(rule);
  if (problem) context.addIssue({ code: 'custom', message: problem, path: rule.kind === 'email' ? ['sendNodeId'] : ['kind'] });
});

/** Every segment rule in a group, nested groups flattened. */
export function segmentRules(group: SegmentGroup): SegmentRule[] {
  return group.conditions.flatMap((condition) => ('match' in condition ? segmentRules(condition) : [condition]));
}

/** The other segments a definition depends on (their membership must be current first). */
export function referencedSegments(group: SegmentGroup): string[] {
  return segmentRules(group).flatMap((rule) => (rule.kind === 'segment' ? [rule.segmentId] : []));
}

/** Internal events a customer's segment membership emits; journeys trigger on them with `event.segmentId = <id>`. */
export const SEGMENT_ENTERED = 'segment_entered';
export const SEGMENT_EXITED = 'segment_exited';
