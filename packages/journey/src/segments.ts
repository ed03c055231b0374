import { z } from 'zod';
import { Duration, JsonScalar, Operator } from './schema';
import { TraitPath } from './traitPath';

const Name = z.string().min(1).max(200);
const Count = z.object({ op: z.enum(['gte', 'lte', 'eq']), value: z.number().int().min(0).max(1_000_000) });

/** One condition of a segment. Windows are counted back from now; without one, all history counts. */
export const SegmentRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trait'), path: TraitPath, op: Operator, value: z.union([JsonScalar, z.array(JsonScalar)]).optional() }),
  z.object({ kind: z.literal('stage'), op: z.enum(['eq', 'neq', 'in']), value: z.union([z.string(), z.array(z.string())]) }),
  /** `happened`: at least once; `not_happened`: never; `count`: how many times (with `count`). */
  z.object({ kind: z.literal('event'), event: Name, op: z.enum(['happened', 'not_happened', 'count']), count: Count.optional(), within: Duration.optional() }),
  z.object({ kind: z.literal('email'), action: z.enum(['opened', 'clicked']), op: z.enum(['happened', 'not_happened']), within: Duration.optional() }),
  /** Holds a code of this offer (any offer when `offerId` is absent). */
  z.object({ kind: z.literal('offer'), offerId: z.string().min(1).optional(), held: z.boolean() }),
  z.object({ kind: z.literal('segment'), segmentId: z.string().min(1), member: z.boolean() }),
]);
export type SegmentRule = z.infer<typeof SegmentRule>;

/** Rules and nested groups combined with AND (`all`) or OR (`any`). An empty group matches everyone. */
export const SegmentGroup = z.object({
  match: z.enum(['all', 'any']),
  get conditions(): z.ZodArray<z.ZodUnion<readonly [typeof SegmentRule, typeof SegmentGroup]>> {
    return z.array(z.union([SegmentRule, SegmentGroup])).max(50);
  },
});
export type SegmentGroup = z.infer<typeof SegmentGroup>;

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
