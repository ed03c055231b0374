import { beginOutboundAttempt, finishOutboundCall, findCustomer, listAllowedHosts, noteOutboundError, readSecretValues } from '@lifecycle/db';
import { actionContextVars, buildWebhookRequest, outboundKey, secretNamesOf } from '@lifecycle/messaging';
import type { CallWebhookInput, CallWebhookResult, JourneyActivities } from '@lifecycle/workflows/activities';
import { answerClass } from '../outbound/answerClass';
import { answerTraits } from '@lifecycle/journey';
import { OutboundRefused } from '../outbound/outboundRefused';
import { sendOutbound } from '../outbound/sendOutbound';
import type { ResolvedDeps } from './deps';
import { makeUpdateCustomer } from './updateCustomer';

/**
 * One attempt of a webhook step. Every attempt carries the same `Idempotency-Key` and counts on the call's one row
 * in `outbound_calls`; a finished call answers retries from that row without calling again. A 5xx, 408/425/429 or
 * no answer throws, so the workflow's retry policy tries again with backoff; what no retry changes is returned.
 */
export function makeCallWebhook(deps: ResolvedDeps): JourneyActivities['callWebhook'] {
  const { db, config, renderer, clock } = deps;
  const updateCustomer = makeUpdateCustomer(deps);
  return async (input: CallWebhookInput): Promise<CallWebhookResult> => {
    const idempotencyKey = outboundKey('webhook', input);
    const call = await beginOutboundAttempt(db, { idempotencyKey, kind: 'webhook', workflowId: input.workflowId, nodeId: input.nodeId, target: `${input.node.method} ${input.node.url}`, at: clock().toISOString() });
    if (call.outcome !== 'pending' && call.result !== null) return JSON.parse(call.result) as CallWebhookResult;
    const finish = async (result: CallWebhookResult): Promise<CallWebhookResult> => {
      const failure = result.status === 'failed' ? result.message : null;
      await finishOutboundCall(db, idempotencyKey, { outcome: result.status, status: result.httpStatus, error: failure, result });
      return result;
    };
    const customer = await findCustomer(db, input.customerId);
    const context = actionContextVars({ customer: customer ?? { id: input.customerId, email: null, lifecycleStage: null, traits: {} }, triggerEvent: input.triggerEvent, offers: input.offers });
    const secrets = await readSecretValues(db, secretNamesOf(input.node), config.trackingSecret);
    const request = await buildWebhookRequest(input.node, { context, secrets, idempotencyKey, renderer });
    if (!request.ok) return finish({ status: 'failed', idempotencyKey, reason: request.reason, httpStatus: null, message: request.message });

    const allowedHosts = new Set((await listAllowedHosts(db)).map((row) => row.host));
    const timeoutMs = (input.node.timeoutSeconds ?? 10) * 1000;
    let answer;
    try {
      answer = await sendOutbound({ ...request, timeoutMs, allowedHosts });
    } catch (error) {
      if (error instanceof OutboundRefused) return finish({ status: 'failed', idempotencyKey, reason: error.reason, httpStatus: null, message: error.message });
      const message = error instanceof Error ? error.message : String(error);
      await noteOutboundError(db, idempotencyKey, { status: null, message });
      throw new Error(`no answer from ${new URL(input.node.url).host}: ${message}`);
    }
    switch (answerClass(answer.status)) {
      case 'retry':
        await noteOutboundError(db, idempotencyKey, { status: answer.status, message: answer.body.slice(0, 200) });
        throw new Error(`the receiver answered ${answer.status}`);
      case 'refused':
        return finish({ status: 'failed', idempotencyKey, reason: 'client_error', httpStatus: answer.status, message: `the receiver refused the call (${answer.status})` });
      case 'succeeded': {
        const { traits } = answerTraits(answer.body, input.node.saveTraits ?? []);
        const saved = Object.keys(traits).length > 0 ? await updateCustomer({ workflowId: input.workflowId, nodeId: input.nodeId, customerId: input.customerId, traits }) : null;
        return finish({ status: 'succeeded', idempotencyKey, httpStatus: answer.status, savedTraits: traits, customer: saved });
      }
    }
  };
}
