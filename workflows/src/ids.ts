/**
 * Deterministic workflow ids: a retried trigger never starts a second run, and the API can
 * signal a customer's run without looking anything up. `entry` is `once` for journeys a customer
 * enters once, else the id of the event that made them enter.
 */
export function journeyRunId(journeyId: string, customerId: string, entry: string): string {
  return `journey/${journeyId}/${encodeURIComponent(customerId)}/${encodeURIComponent(entry)}`;
}

/** The task queue journey runs and their activities use. */
export const JOURNEY_TASK_QUEUE = 'lifecycle-journeys';
