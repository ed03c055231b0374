import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { JourneyActivities } from './activities';

/** Bookkeeping run beside the workflow task: cheaper than a scheduled activity, retried until it succeeds. */
export const bookkeeping = proxyLocalActivities<Pick<JourneyActivities, 'recordProgress' | 'recordProgressBatch' | 'loadCustomer' | 'readHistory'>>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '10s' },
});

/**
 * Side effects. Attempts are unlimited so that an outage (a mail server down) shows as an activity retrying
 * and then recovers; permanent failures come back as values, not throws.
 */
export const sideEffects = proxyActivities<Pick<JourneyActivities, 'sendEmail' | 'grantOffer' | 'updateCustomer'>>({
  startToCloseTimeout: '60s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '60s' },
});

/**
 * A send's first attempts, run beside the workflow task: no activity task to schedule, dispatch and complete, so a
 * run that sends and moves on takes one workflow task. It is the same idempotent send (one per workflow and node,
 * claimed in the database before SMTP), so a crash mid-send is settled by the retry as it is for an activity. A few
 * quick attempts only: a longer outage goes on as an activity (`sideEffects`), which waits without growing the
 * run's history.
 */
export const LOCAL_SEND_ATTEMPTS = 3;

export const localSends = proxyLocalActivities<Pick<JourneyActivities, 'sendEmail'>>({
  startToCloseTimeout: '60s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '4s', maximumAttempts: LOCAL_SEND_ATTEMPTS },
});
