import type { NodeOf } from '@lifecycle/journey';
import { sideEffects } from '../activityProxies';
import { recordEntry } from '../progress';
import type { RunState } from '../runState';
import type { StepResult } from './stepResult';

function describeChanges(node: NodeOf<'update_customer'>): string {
  const changes = Object.entries(node.traits ?? {}).map(([name, value]) => `\`${name}\` = ${JSON.stringify(value)}`);
  if (node.lifecycleStage !== undefined) changes.push(`stage = ${node.lifecycleStage}`);
  return changes.join(', ');
}

/** Sets the node's traits and lifecycle stage on the customer. */
export async function updateCustomerStep(node: NodeOf<'update_customer'>, state: RunState): Promise<StepResult> {
  await recordEntry(state, node);
  const customer = await sideEffects.updateCustomer({
    workflowId: state.workflowId,
    nodeId: node.id,
    customerId: state.input.customerId,
    traits: node.traits,
    lifecycleStage: node.lifecycleStage,
  });
  if (!customer) return { exit: 'next', outcome: 'customer not found; nothing updated', detail: null };
  state.customer = customer;
  const changes = describeChanges(node);
  return { exit: 'next', outcome: `updated ${changes}`, detail: { traits: node.traits ?? null, lifecycleStage: node.lifecycleStage ?? null } };
}
