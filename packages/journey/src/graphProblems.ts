import { draftExits } from './draftExits';
import { stepName, type Problem } from './problems';
import type { DraftNode, JourneyEdge } from './schema';

/** Duplicate ids and the trigger count: exactly one trigger per journey. */
export function nodeSetProblems(nodes: readonly DraftNode[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const node of nodes) {
    if (seen.has(node.id)) {
      const message = `Two steps share the id '${node.id}': give each step its own id`;
      problems.push({ nodeId: node.id, field: 'id', code: 'duplicate_node_id', message });
    }
    seen.add(node.id);
  }
  const triggers = nodes.filter((node) => node.type === 'trigger');
  if (triggers.length === 0) {
    problems.push({ nodeId: null, field: null, code: 'no_trigger', message: 'Add a trigger: the event that starts this journey' });
  }
  for (const extra of triggers.slice(1)) {
    const message = `A journey has one trigger; remove ${stepName(extra)} or the other trigger`;
    problems.push({ nodeId: extra.id, field: null, code: 'multiple_triggers', message });
  }
  return problems;
}

/** Edges that point at missing steps or exits, exits wired twice, and exits that lead nowhere. */
export function edgeProblems(nodes: readonly DraftNode[], edges: readonly JourneyEdge[]): Problem[] {
  const byId = new Map(nodes.map((node) => [node.id, node] as const));
  const problems: Problem[] = [];
  const targetsByExit = new Map<string, string[]>();
  edges.forEach((edge, index) => {
    const source = byId.get(edge.source);
    if (source === undefined) {
      const message = `A connection leaves from step '${edge.source}', which is not in this journey: remove it`;
      problems.push({ nodeId: null, field: `edges.${index}.source`, code: 'unknown_node', message });
    }
    if (!byId.has(edge.target)) {
      const message = `A connection${source ? ` from ${stepName(source)}` : ''} leads to step '${edge.target}', which is not in this journey: reconnect it`;
      problems.push({ nodeId: source?.id ?? null, field: `edges.${index}.target`, code: 'unknown_node', message });
    }
    if (source === undefined) return;
    if (!draftExits(source).includes(edge.sourceExit)) {
      const message = `${stepName(source)} has no '${edge.sourceExit}' exit: remove that connection`;
      problems.push({ nodeId: source.id, field: null, code: 'unknown_exit', message });
      return;
    }
    const key = `${source.id}\u0000${edge.sourceExit}`;
    targetsByExit.set(key, [...(targetsByExit.get(key) ?? []), edge.target]);
  });
  for (const node of byId.values()) {
    for (const exit of draftExits(node)) {
      const targets = targetsByExit.get(`${node.id}\u0000${exit}`) ?? [];
      if (targets.length === 0) {
        const message = `The '${exit}' exit of ${stepName(node)} leads nowhere: connect it to a step or an Exit`;
        problems.push({ nodeId: node.id, field: null, code: 'dangling_exit', message });
      } else if (targets.length > 1) {
        const message = `The '${exit}' exit of ${stepName(node)} is connected to ${targets.length} steps: keep one connection`;
        problems.push({ nodeId: node.id, field: null, code: 'duplicate_exit_target', message });
      }
    }
  }
  return problems;
}
