import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { JourneyActivities } from './activities';

/** Bookkeeping run beside the workflow task: cheaper than a scheduled activity, retried until it succeeds. */
export const bookkeeping = proxyLocalActivities<Pick<JourneyActivities, 'recordProgress' | 'loadCustomer' | 'readHistory'>>({
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
