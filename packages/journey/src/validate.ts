import { humanIssues } from './humanIssues';
import { flowProblems } from './flowProblems';
import { conditionPlaceProblems } from './conditionPlaces';
import { edgeProblems, nodeSetProblems } from './graphProblems';
import { nodeProblems } from './nodeProblems';
import type { KnownReferences, Problem, ValidationResult } from './problems';
import { referenceProblems } from './referenceProblems';
import { JourneyGraph, type JourneyDraft } from './schema';

/**
 * Checks a draft for publishing: every node fully configured, and the graph rules zod can't say
 * (one trigger, every exit wired once, everything reachable, no loop without a wait, references exist).
 * Lists every problem, not just the first.
 */
export function validateJourney(draft: JourneyDraft, known: KnownReferences): ValidationResult {
  const problems: Problem[] = [
    ...draft.nodes.flatMap((node) => nodeProblems(node).problems),
    ...referenceProblems(draft.nodes, known),
    ...nodeSetProblems(draft.nodes),
    ...edgeProblems(draft.nodes, draft.edges),
    ...flowProblems(draft.nodes, draft.edges),
    ...conditionPlaceProblems(draft),
  ];
  if (problems.length > 0) return { ok: false, problems };
  const parsed = JourneyGraph.safeParse(draft);
  if (parsed.success) return { ok: true, graph: parsed.data, problems: [] };
  return {
    ok: false,
    problems: humanIssues(parsed.error.issues, draft).map((issue) => ({
      nodeId: null,
      field: issue.path.map(String).join('.') || null,
      code: 'invalid_node' as const,
      message: issue.message,
    })),
  };
}
