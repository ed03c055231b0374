import type { Problem } from './problems';
import { JourneyNode, type ConditionGroup, type JourneyDraft, type Rule } from './schema';

function rulesOf(group: ConditionGroup | undefined): Rule[] {
  if (!group) return [];
  return group.conditions.flatMap((item) => ('match' in item ? rulesOf(item) : [item]));
}

function sendNodeIds(group: ConditionGroup | undefined): string[] {
  return rulesOf(group).flatMap((rule) => ('kind' in rule && rule.kind === 'email' && rule.sendNodeId !== undefined ? [rule.sendNodeId] : []));
}

/**
 * Where each condition may look, said as problems: a trigger runs before there is a run (no "email of this run"); an
 * email rule of a send step names a send step of this journey. (Wait-for-event filters and goals read history through
 * the same activity as splits: waitForEvent.ts and goalHistory.ts in workflows/.)
 */
export function conditionPlaceProblems(draft: JourneyDraft): Problem[] {
  const sends = new Set(draft.nodes.filter((node) => node.type === 'send_email').map((node) => node.id));
  const problems: Problem[] = [];
  for (const draftNode of draft.nodes) {
    const parsed = JourneyNode.safeParse(draftNode);
    if (!parsed.success) continue;
    const node = parsed.data;
    const checkSends = (group: ConditionGroup | undefined, field: string) => {
      for (const id of sendNodeIds(group)) {
        if (!sends.has(id)) problems.push({ nodeId: node.id, field, code: 'unknown_send_node', message: `The email condition names send step '${id}', which is not in this journey: choose one of its send steps` });
      }
    };
    if (node.type === 'trigger' && sendNodeIds(node.conditions).length > 0) {
      problems.push({ nodeId: node.id, field: 'conditions', code: 'invalid_node', message: 'A trigger is checked before the run starts, so it has no email of this run: choose "any email" instead' });
    }
    if (node.type === 'condition_split') node.branches.forEach((branch, index) => checkSends(branch.condition, `branches.${index}.condition`));
  }
  return problems;
}
