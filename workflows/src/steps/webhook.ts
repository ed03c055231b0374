import { DEFAULT_WEBHOOK_ATTEMPTS, type NodeOf } from '@lifecycle/journey';
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { CallWebhookResult } from '../activities';
import { webhookActivity } from '../actionProxies';
import { recordEntry } from '../progress';
import type { RunState } from '../runState';
import { actionContext } from './actionContext';
import type { StepResult } from './stepResult';

/** The last attempt's error, as the receiver or the network gave it. */
function lastError(error: ActivityFailure): string {
  const cause = error.cause;
  return cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : 'the call failed';
}

/**
 * Calls the node's URL. `succeeded` on a 2xx (saving the chosen answer fields as traits); `failed` on an answer
 * no retry changes (a 4xx, a refused address) at once, or once the node's attempts ran out on a 5xx or no answer.
 */
export async function webhookStep(node: NodeOf<'webhook'>, state: RunState): Promise<StepResult> {
  await recordEntry(state, node);
  let result: CallWebhookResult;
  try {
    result = await webhookActivity(node).callWebhook({ ...actionContext(node, state), node });
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const message = lastError(error);
    return { exit: 'failed', outcome: `failed after ${node.attempts ?? DEFAULT_WEBHOOK_ATTEMPTS} attempts: ${message}`, detail: { reason: 'retries_exhausted', message, url: node.url }, failed: true };
  }
  if (result.status === 'failed') {
    const { status: _status, ...detail } = result;
    return { exit: 'failed', outcome: `failed: ${result.message}`, detail: { ...detail, url: node.url }, failed: true };
  }
  if (result.customer) state.customer = result.customer;
  const saved = Object.keys(result.savedTraits);
  const savedText = saved.length > 0 ? `; saved ${saved.map((name) => `\`${name}\``).join(', ')}` : '';
  return {
    exit: 'succeeded',
    outcome: `${node.method} ${node.url} answered ${result.httpStatus}${savedText}`,
    detail: { idempotencyKey: result.idempotencyKey, httpStatus: result.httpStatus, savedTraits: result.savedTraits, url: node.url },
  };
}
