import { chooseBranch, type NodeOf } from '@lifecycle/journey';
import { bookkeeping } from '../activityProxies';
import { factsFor, readHistoryFor } from '../facts';
import type { RunState } from '../runState';
import type { StepResult } from './stepResult';

/**
 * Branches on the customer as stored now, the trigger event and (when a branch asks) stored history read now; the
 * record keeps each rule and the value it saw: "`purchase` 0 times in the last 30 days (needed ≥ 1) → else".
 */
export async function conditionSplitStep(node: NodeOf<'condition_split'>, state: RunState): Promise<StepResult> {
  state.customer = await bookkeeping.loadCustomer(state.input.customerId);
  const history = await readHistoryFor(state, node.branches.map((branch) => branch.condition));
  const choice = chooseBranch(node, factsFor(state.customer, state.input.triggerEvent, history));
  const reason = state.customer ? choice.reason : `customer not found; ${choice.reason}`;
  return { exit: choice.exit, outcome: reason, detail: { reason, checks: choice.checks } };
}
