import { isCancellation, TemporalFailure } from '@temporalio/workflow';
import type { SendEmailInput, SendEmailResult } from '../activities';
import { LOCAL_SEND_ATTEMPTS, localSends, sideEffects } from '../activityProxies';
import type { RunState } from '../runState';

/**
 * Sends as a local activity first (batched runs), going on as an activity when those attempts fail (a mail server
 * down). Runs started before batching replay their history: an activity from the first attempt.
 */
export async function sendOnce(state: RunState, input: SendEmailInput): Promise<SendEmailResult> {
  if (!state.batched) return sideEffects.sendEmail(input);
  try {
    return await localSends.sendEmail(input);
  } catch (error) {
    // A local activity's last failure arrives as itself (an ApplicationFailure, a TimeoutFailure), not wrapped.
    if (isCancellation(error) || !(error instanceof TemporalFailure)) throw error;
    return sideEffects.sendEmail({ ...input, afterLocalAttempts: LOCAL_SEND_ATTEMPTS });
  }
}
