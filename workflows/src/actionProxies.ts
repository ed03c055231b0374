import type { NodeOf } from '@lifecycle/journey';
import { DEFAULT_WEBHOOK_ATTEMPTS, DEFAULT_WEBHOOK_TIMEOUT_SECONDS } from '@lifecycle/journey';
import { proxyActivities } from '@temporalio/workflow';
import type { JourneyActivities } from './activities';

/**
 * The webhook activity, with the node's own retry policy: its attempts with exponential backoff, each attempt
 * allowed the node's timeout plus room to log the call. When the attempts run out the workflow takes `failed`.
 */
export function webhookActivity(node: NodeOf<'webhook'>): Pick<JourneyActivities, 'callWebhook'> {
  const timeoutSeconds = node.timeoutSeconds ?? DEFAULT_WEBHOOK_TIMEOUT_SECONDS;
  return proxyActivities<Pick<JourneyActivities, 'callWebhook'>>({
    startToCloseTimeout: `${timeoutSeconds + 10}s`,
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '60s', maximumAttempts: node.attempts ?? DEFAULT_WEBHOOK_ATTEMPTS },
  });
}

/** The team note: an SMTP outage shows as an activity retrying, then recovers (like a send). */
export const teamNotes = proxyActivities<Pick<JourneyActivities, 'notifyTeam'>>({
  startToCloseTimeout: '60s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '60s' },
});
