import type { JourneyNode } from '@lifecycle/journey';
import type { ActionContext } from '../activities';
import type { RunState } from '../runState';

/** The run facts a webhook or team-note activity needs; call after recordEntry so `seq` is this step's. */
export function actionContext(node: JourneyNode, state: RunState): ActionContext {
  return {
    workflowId: state.workflowId,
    journeyId: state.input.journeyId,
    nodeId: node.id,
    seq: state.seq,
    customerId: state.input.customerId,
    triggerEvent: state.input.triggerEvent,
    offers: state.offers,
  };
}
