import { chooseBranch, type NodeOf } from '@lifecycle/journey';
import { bookkeeping } from '../activityProxies';
import { factsFor } from '../facts';
import type { RunState } from '../runState';
import type { StepResult } from './stepResult';

/** Branches on the customer as stored now and the trigger event; the record keeps each rule and the value it saw. */
export async function conditionSplitStep(node: NodeOf<'condition_split'>, state: RunState): Promise<StepResult> {
  state.customer = await bookkeeping.loadCustomer(state.input.customerId);
  const choice = chooseBranch(node, factsFor(state.customer, state.input.triggerEvent));
  const reason = state.customer ? choice.reason : `customer not found; ${choice.reason}`;
  return { exit: choice.exit, outcome: reason, detail: { reason, checks: choice.checks } };
}
