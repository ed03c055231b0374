import { isCancellation, TemporalFailure } from '@temporalio/workflow';
import type { SendEmailInput, SendEmailResult } from '../activities';
import { LOCAL_SEND_ATTEMPTS, localSends, sideEffects } from '../activityProxies';
import type { RunState } from '../runState';

/**
 * Sends as a local activity first (batched runs), going on as an activity when those attempts fail (a mail server
 * down). Runs started before batching replay their history: an activity from the first attempt. With
 * `carryProgress` the send takes the run's queued progress records along and writes them first (one local activity
 * fewer per send); they leave the queue once the send has answered, as flushProgress does.
 */
export async function sendOnce(state: RunState, input: SendEmailInput, carryProgress = false): Promise<SendEmailResult> {
  if (!state.batched) return sideEffects.sendEmail(input);
  const progress = carryProgress ? [...state.pendingProgress] : [];
  const carried = progress.length > 0 ? { ...input, progress } : input;
  let result: SendEmailResult;
  try {
    result = await localSends.sendEmail(carried);
  } catch (error) {
    // A local activity's last failure arrives as itself (an ApplicationFailure, a TimeoutFailure), not wrapped.
    if (isCancellation(error) || !(error instanceof TemporalFailure)) throw error;
    result = await sideEffects.sendEmail({ ...carried, afterLocalAttempts: LOCAL_SEND_ATTEMPTS });
  }
  state.pendingProgress.splice(0, progress.length);
  return result;
}
