import { z } from 'zod';
import type { DraftNode, JourneyGraph } from './schema';

/** What kind of thing is wrong with a journey; the canvas and the API key off these. */
export const ProblemCode = z.enum([
  'invalid_node',
  'no_trigger',
  'multiple_triggers',
  'unreachable_node',
  'dangling_exit',
  'unknown_exit',
  'unknown_node',
  'duplicate_exit_target',
  'cycle_without_wait',
  'unknown_template',
  'unknown_offer',
  'duplicate_node_id',
  'unknown_send_node',
  'unknown_segment',
  'unknown_stage',
]);
export type ProblemCode = z.infer<typeof ProblemCode>;

/** One thing to fix before publishing: which node (null for the whole journey), which field, and what to do. */
export const Problem = z.object({
  nodeId: z.string().nullable(),
  field: z.string().nullable(),
  code: ProblemCode,
  message: z.string(),
});
export type Problem = z.infer<typeof Problem>;

/** A publishable graph, or every problem standing in the way. */
export type ValidationResult = { ok: true; graph: JourneyGraph; problems: [] } | { ok: false; problems: Problem[] };

/** The ids of templates and offers that exist, to check references against. */
export type KnownReferences = {
  templateIds: ReadonlySet<string>;
  offerIds: ReadonlySet<string>;
  /** The segments and configured stages that exist; absent: entries naming them are not checked (a list still loading). */
  segmentIds?: ReadonlySet<string>;
  stages?: ReadonlySet<string>;
};

/** How messages name a step: its label if it has one, else its id. */
export function stepName(node: Pick<DraftNode, 'id' | 'label'>): string {
  return node.label ? `'${node.label}'` : `'${node.id}'`;
}
