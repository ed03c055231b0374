import { describeFrequencyCap, type NodeOf } from '@lifecycle/journey';
import { patchAnswer } from '../patches';
import type { SendEmailResult } from '../activities';
import { recordEntry } from '../progress';
import type { RunState } from '../runState';
import { sendOnce } from './sendAttempts';
import { holdWords, waitOutHold } from './sendHold';
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

/**
 * Runs that reach a send after this patch hand the queued progress (the previous exit, the send's entry) to the send
 * itself: trigger → send → exit takes two local activities instead of three. Earlier runs replay as recorded.
 */
export const SEND_CARRIES_PROGRESS_PATCH = 'send-carries-progress';

/** How many earlier holds a step keeps in its detail (a customer held again and again stays readable). */
const HOLDS_KEPT = 20;

/**
 * Sends the node's template with the offers granted so far. A marketing send inside the customer's quiet hours or
 * over the frequency cap is held (the run waits on a timer, the step says why) and asked again when it may go.
 * Whether sent, skipped, failed or uncertain, the run goes on by `next`.
 */
export async function sendEmailStep(node: NodeOf<'send_email'>, state: RunState): Promise<StepResult> {
  // Only set behind the control-arm patch (see randomSplitStep): a run in an experiment's control arm sends nothing.
  if (state.inControlArm) return { exit: 'next', outcome: 'skipped: control arm', detail: { reason: 'control_arm' } };
  // Since SEND_CARRIES_PROGRESS_PATCH the entry rides with the send instead of a write of its own; a run that was
  // past this point before the patch replays the write it recorded.
  const carryProgress = state.batched && patchAnswer(state, SEND_CARRIES_PROGRESS_PATCH);
  const entered = recordEntry(state, node, null, !carryProgress);
  if (entered) await entered;
  const { input, workflowId } = state;
  const holds: string[] = [];
  for (;;) {
    const result = await sendOnce(state, {
      workflowId,
      journeyId: input.journeyId,
      // Sends of this run render the template revisions its version pinned when it went live.
      versionId: input.versionId,
      nodeId: node.id,
      templateId: node.templateId,
      customerId: input.customerId,
      triggerEvent: input.triggerEvent,
      offers: state.offers,
      transactional: node.transactional,
      whenCapped: node.whenCapped,
      dueAtMs: Date.now(),
    }, carryProgress);
    // A hold claims nothing (no history before holds existed contains one, so replay takes the same path).
    if (result.status !== 'held') return withHolds(settled(result), holds);
    const ended = await waitOutHold(state, result, holds.slice(-HOLDS_KEPT));
    holds.push(holdWords(result));
    if (ended === 'goal') return { exit: null, outcome: `goal \`${state.goalEvent?.name ?? ''}\` reached while ${holdWords(result)}; not sent`, detail: { holds: holds.slice(-HOLDS_KEPT) } };
    if (ended === 'skip') return { exit: 'next', outcome: `skipped by admin while ${holdWords(result)}; not sent`, detail: { skipped: true, holds: holds.slice(-HOLDS_KEPT) } };
  }
}

/** A send that went out (or not) after holds says so: "sent … (after being held for quiet hours until 08:00 Europe/Paris)". */
function withHolds(result: StepResult, holds: string[]): StepResult {
  if (holds.length === 0) return result;
  const last = holds.at(-1)!;
  const more = holds.length > 1 ? ` and ${holds.length - 1} earlier hold${holds.length === 2 ? '' : 's'}` : '';
  return { ...result, outcome: `${result.outcome} (after being ${last}${more})`, detail: { ...result.detail, holds: holds.slice(-HOLDS_KEPT) } };
}

function settled(result: Exclude<SendEmailResult, { status: 'held' }>): StepResult {
  switch (result.status) {
    case 'sent':
      return {
        exit: 'next',
        outcome: `sent “${result.subject}” to ${result.to}`,
        detail: { deliveryId: result.deliveryId, messageId: result.messageId, to: result.to, subject: result.subject },
      };
    case 'skipped': {
      const cap = result.cap ? ` (${describeFrequencyCap(result.cap)}; ${result.cap.counted} sent in the window)` : '';
      return { exit: 'next', outcome: `skipped: ${skipReasons[result.reason]}${cap}`, detail: { deliveryId: result.deliveryId, reason: result.reason, ...(result.cap ? { cap: result.cap } : {}) } };
    }
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
