import { Counter, exposition, Histogram } from '@lifecycle/metrics';

const latencyBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const stepBounds = [0.01, 0.1, 1, 10, 60, 600, 3600, 86_400, 604_800];

/** Every attempt of every activity, by type and outcome. */
export const activityDuration = new Histogram('lifecycle_activity_duration_seconds', 'Activity attempt duration, by activity and outcome', latencyBounds);
/** Failed activity attempts (each one will be retried by Temporal). */
export const activityFailures = new Counter('lifecycle_activity_failures_total', 'Failed activity attempts, by activity');
/** How long runs stayed on each step (entered → left), by node type. */
export const stepLatency = new Histogram('lifecycle_step_duration_seconds', 'Time a run spent on a step, by node type', stepBounds);
/** Emails by sendEmail outcome (sent, skipped, failed, uncertain). */
export const emailsSent = new Counter('lifecycle_emails_total', 'sendEmail outcomes, by status');

/** The worker's metrics in Prometheus text. */
export function workerMetricsText(): string {
  return exposition([activityDuration, activityFailures, stepLatency, emailsSent]);
}
