import type { NodeOf } from '@lifecycle/journey';
import type { SendEmailResult } from '../activities';
import { sideEffects } from '../activityProxies';
import { recordEntry } from '../progress';
import type { RunState } from '../runState';
import type { StepResult } from './stepResult';

const skipReasons: Record<Extract<SendEmailResult, { status: 'skipped' }>['reason'], string> = {
  unsubscribed: 'customer unsubscribed',
  suppressed: 'address suppressed',
  no_email: 'customer has no email address',
  customer_missing: 'customer not found',
  global_control: 'global control group',
  topic_unsubscribed: "customer opted out of the email's topic",
  frequency_capped: 'frequency cap reached',
};

/** Sends the node's template with the offers granted so far. Whether sent, skipped, failed or uncertain, the run goes on by `next`. */
export async function sendEmailStep(node: NodeOf<'send_email'>, state: RunState): Promise<StepResult> {
  // Only set behind the control-arm patch (see randomSplitStep): a run in an experiment's control arm sends nothing.
  if (state.inControlArm) return { exit: 'next', outcome: 'skipped: control arm', detail: { reason: 'control_arm' } };
  await recordEntry(state, node);
  const { input, workflowId } = state;
  const result = await sideEffects.sendEmail({
    workflowId,
    journeyId: input.journeyId,
    // Sends of this run render the template revisions its version pinned when it went live.
    versionId: input.versionId,
    nodeId: node.id,
    templateId: node.templateId,
    customerId: input.customerId,
    triggerEvent: input.triggerEvent,
    offers: state.offers,
  });
  switch (result.status) {
    case 'sent':
      return {
        exit: 'next',
        outcome: `sent “${result.subject}” to ${result.to}`,
        detail: { deliveryId: result.deliveryId, messageId: result.messageId, to: result.to, subject: result.subject },
      };
    case 'skipped':
      return { exit: 'next', outcome: `skipped: ${skipReasons[result.reason]}`, detail: { deliveryId: result.deliveryId, reason: result.reason } };
    case 'failed':
      return { exit: 'next', outcome: `failed: ${result.reason}`, detail: { deliveryId: result.deliveryId, reason: result.reason }, failed: true };
    case 'uncertain':
      return { exit: 'next', outcome: `delivery uncertain: ${result.reason}`, detail: { deliveryId: result.deliveryId, reason: result.reason } };
    default: {
      const unknownResult: never = result;
      throw new Error(`unknown send result ${JSON.stringify(unknownResult)}`);
    }
  }
}
