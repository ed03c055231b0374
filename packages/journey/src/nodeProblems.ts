import { humanIssues } from './humanIssues';
import type { Problem } from './problems';
import { JourneyNode, type DraftNode } from './schema';

/** Parses a draft node strictly; each zod issue becomes an `invalid_node` problem on that node, in words for people. */
export function nodeProblems(node: DraftNode): { parsed: JourneyNode | null; problems: Problem[] } {
  const result = JourneyNode.safeParse(node);
  if (result.success) return { parsed: result.data, problems: [] };
  const problems = humanIssues(result.error.issues, node).map((issue): Problem => {
    const field = issue.path.map(String).join('.');
    return { nodeId: node.id, field: field === '' ? null : field, code: 'invalid_node', message: issue.message };
  });
  return { parsed: null, problems: dedupe(problems) };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.field}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
