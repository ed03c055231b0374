import { Context } from '@temporalio/activity';
import { recordActivityFailure, resolveActivityFailure, type Db } from '@lifecycle/db';
import type { JourneyActivities, SendEmailResult, StepRecord } from '@lifecycle/workflows/activities';
import type { Logger } from 'pino';
import { log as rootLog } from './logger';
import { activityDuration, activityFailures, emailsSent, stepLatency } from './workerMetrics';

/** The customer an activity is about, from its input (every activity takes a customer id or a run record). */
function customerOf(input: unknown): string | undefined {
  if (typeof input === 'string') return input;
  if (typeof input !== 'object' || input === null) return undefined;
  const record = input as { customerId?: unknown; run?: { customerId?: unknown } };
  const id = record.customerId ?? record.run?.customerId;
  return typeof id === 'string' ? id : undefined;
}

function observeOutcome(name: string, input: unknown, result: unknown): void {
  if (name === 'sendEmail') emailsSent.inc({ status: (result as SendEmailResult).status });
  if (name === 'recordProgress') {
    const step = (input as { step?: StepRecord }).step;
    if (step?.leftAt) stepLatency.observe((Date.parse(step.leftAt) - Date.parse(step.enteredAt)) / 1000, { node_type: step.nodeType });
  }
}

function wrap<A extends unknown[], R>(name: string, db: Db, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const info = Context.current().info;
    const runId = info.workflowExecution?.workflowId ?? 'none';
    const customerId = customerOf(args[0]);
    const logger: Logger = rootLog.child({ runId, customerId, activity: name, attempt: info.attempt });
    const started = performance.now();
    try {
      const result = await fn(...args);
      activityDuration.observe((performance.now() - started) / 1000, { activity: name, outcome: 'ok' });
      observeOutcome(name, args[0], result);
      if (info.attempt > 1 && resolveActivityFailure(db, runId, info.activityId, new Date().toISOString())) logger.info('activity recovered');
      else logger.debug('activity done');
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      activityDuration.observe((performance.now() - started) / 1000, { activity: name, outcome: 'error' });
      activityFailures.inc({ activity: name });
      logger.warn({ err: message }, 'activity attempt failed; Temporal will retry it');
      try {
        recordActivityFailure(db, {
          workflowId: runId,
          activityId: info.activityId,
          activityType: name,
          customerId: customerId ?? null,
          attempt: info.attempt,
          error: `${message} (attempt ${info.attempt})`,
          lastFailedAt: new Date().toISOString(),
        });
      } catch (recordError) {
        logger.error({ err: String(recordError) }, 'could not record the activity failure');
      }
      throw error;
    }
  };
}

/**
 * The activities, each wrapped to log with the run id and customer id, measure itself, and record failed attempts
 * in `run_failures` (resolved when a later attempt succeeds) so the dashboard shows what is retrying and why.
 */
export function observeActivities<T extends JourneyActivities>(activities: T, db: Db): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = typeof fn === 'function' ? wrap(name, db, fn as (...args: unknown[]) => Promise<unknown>) : fn;
  }
  return wrapped as T;
}
