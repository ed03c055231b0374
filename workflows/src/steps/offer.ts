import type { NodeOf } from '@lifecycle/journey';
import type { GrantOfferResult } from '../activities';
import { sideEffects } from '../activityProxies';
import { recordEntry } from '../progress';
import type { RunState } from '../runState';
import type { StepResult } from './stepResult';

const unavailableReasons: Record<Extract<GrantOfferResult, { status: 'unavailable' }>['reason'], string> = {
  unknown_offer: 'the offer no longer exists',
  pool_exhausted: 'no codes left in the pool',
  expired: 'the offer has expired',
};

/** Grants the offer; later emails of this run see it. An unavailable offer is recorded and the run goes on. */
export async function offerStep(node: NodeOf<'offer'>, state: RunState): Promise<StepResult> {
  await recordEntry(state, node);
  const result = await sideEffects.grantOffer({
    workflowId: state.workflowId,
    nodeId: node.id,
    offerId: node.offerId,
    customerId: state.input.customerId,
  });
  if (result.status === 'unavailable') {
    // An expired offer is the journey working as written; a missing offer or an empty pool needs someone to act.
    const failed = result.reason !== 'expired' ? { failed: true as const } : {};
    return { exit: 'next', outcome: `not granted: ${unavailableReasons[result.reason]}`, detail: { offerId: node.offerId, reason: result.reason }, ...failed };
  }
  const { status: _status, ...granted } = result;
  state.offers.push(granted);
  return { exit: 'next', outcome: `granted ${granted.name}: code ${granted.code}`, detail: { ...granted } };
}
