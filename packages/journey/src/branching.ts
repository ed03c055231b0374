import { describeCheck, evaluateCondition, type Facts, type RuleCheck } from './conditions';
import { entryMatches } from './entry';
import { isHistoryRule } from './history';
import type { NodeOf } from './schema';

/** The exit a condition split takes, why (in words), and every rule check made on the way. */
export type BranchChoice = { exit: string; reason: string; checks: RuleCheck[] };

/**
 * Takes the first branch whose condition matches, else `else`. The reason lists the failed
 * rules of the branches passed over and the matched rules of the branch taken:
 * "`plan` was `pro`, rule `plan = free` did not match → else".
 */
export function chooseBranch(node: NodeOf<'condition_split'>, facts: Facts): BranchChoice {
  const checks: RuleCheck[] = [];
  const clauses: string[] = [];
  for (const branch of node.branches) {
    const result = evaluateCondition(branch.condition, facts);
    checks.push(...result.checks);
    const decisive = result.checks.filter((check) => check.matched === result.matched);
    const name = branch.label ?? branch.id;
    clauses.push(
      decisive.length > 0
        ? decisive.map((check) => (isHistoryRule(check.rule) ? check.text : describeCheck(check, ', '))).join('; ')
        : `${name} has no rules, ${result.matched ? 'matched' : 'did not match'}`,
    );
    if (result.matched) return { exit: branch.id, reason: `${clauses.join('; ')} → ${name}`, checks };
  }
  return { exit: 'else', reason: `${clauses.join('; ')} → else`, checks };
}

/**
 * Whether an event starts a journey: its entry (the event, segment, stage or due entry), and the trigger's conditions
 * (if any) hold; history rules read `history` (read by the caller for `historyRulesOf(node.conditions)`).
 */
export function triggerMatches(
  node: NodeOf<'trigger'>,
  journeyId: string,
  event: { name: string; properties: Record<string, unknown> },
  customer: Facts['customer'],
  history?: Facts['history'],
): boolean {
  if (!entryMatches(node, journeyId, event)) return false;
  return node.conditions === undefined || evaluateCondition(node.conditions, { customer, event, ...(history ? { history } : {}) }).matched;
}
