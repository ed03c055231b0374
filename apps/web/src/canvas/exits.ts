import { draftExits, type DraftNode, type JourneyEdge } from '@lifecycle/journey';
import { loose } from './looseNode';

/** The exits a (possibly half-configured) node has, plus any exit an edge already leaves by. */
export function exitsOfDraft(node: DraftNode, edges: readonly JourneyEdge[]): string[] {
  const known = draftExits(node);
  const used = edges.filter((edge) => edge.source === node.id).map((edge) => edge.sourceExit);
  return [...new Set([...known, ...used])];
}

/** How an edge leaving `node` by `exit` is labelled: nothing for `next`, branch labels and arm shares for splits. */
export function exitLabel(draft: DraftNode, exit: string): string | undefined {
  if (exit === 'next') return undefined;
  if (exit === 'timed_out') return 'timed out';
  const node = loose(draft);
  if (node.type === 'condition_split') {
    const branch = node.branches?.find((candidate) => candidate.id === exit);
    return branch?.label || exit;
  }
  if (node.type === 'random_split') {
    const arms = node.arms ?? [];
    const arm = arms.find((candidate) => candidate.id === exit);
    const total = arms.reduce((sum, candidate) => sum + (candidate.weight ?? 0), 0);
    if (!arm || !total) return exit;
    return `${arm.label || arm.id} (${Math.round((arm.weight / total) * 100)}%)`;
  }
  return exit;
}
