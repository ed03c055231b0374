import { Context } from '@temporalio/activity';
import { recordActivityFailure, resolveActivityFailure, type Db } from '@lifecycle/db';
import type { JourneyActivities, ProgressRecord, SendEmailResult, StepRecord } from '@lifecycle/workflows/activities';
import type { ProgressWriter, ProgressWriteWatch } from '@lifecycle/workflows/progressSinkWriter';
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
  if (name === 'recordProgress') observeStep((input as ProgressRecord).step);
  if (name === 'recordProgressBatch') for (const record of (input as { records: ProgressRecord[] }).records) observeStep(record.step);
}

function observeStep(step: StepRecord | undefined): void {
  if (step?.leftAt) stepLatency.observe((Date.parse(step.leftAt) - Date.parse(step.enteredAt)) / 1000, { node_type: step.nodeType });
}

/**
 * The key a failed attempt is kept under. A send's attempts (local ones first, then an activity's) all count on
 * the send itself — one per run and node — so its recovery resolves every one of them; others by activity id.
 */
function failureKey(name: string, input: unknown, activityId: string): string {
  const nodeId = (input as { nodeId?: unknown } | null)?.nodeId;
  return name === 'sendEmail' && typeof nodeId === 'string' ? `sendEmail:${nodeId}` : activityId;
}

/** The attempt as people count it: a send going on as an activity after failed local attempts counts on from them. */
function attemptOf(input: unknown, attempt: number): number {
  const earlier = (input as { afterLocalAttempts?: unknown } | null)?.afterLocalAttempts;
  return typeof earlier === 'number' ? attempt + earlier : attempt;
}

function wrap<A extends unknown[], R>(name: string, db: Db, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const info = Context.current().info;
    const runId = info.workflowExecution?.workflowId ?? 'none';
    const customerId = customerOf(args[0]);
    const key = failureKey(name, args[0], info.activityId);
    const attempt = attemptOf(args[0], info.attempt);
    const logger: Logger = rootLog.child({ runId, customerId, activity: name, attempt });
    const started = performance.now();
    try {
      const result = await fn(...args);
      activityDuration.observe((performance.now() - started) / 1000, { activity: name, outcome: 'ok' });
      observeOutcome(name, args[0], result);
      if (attempt > 1 && await resolveActivityFailure(db, runId, key, new Date().toISOString())) logger.info('activity recovered');
      else logger.debug('activity done');
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      activityDuration.observe((performance.now() - started) / 1000, { activity: name, outcome: 'error' });
      activityFailures.inc({ activity: name });
      logger.warn({ err: message }, 'activity attempt failed; Temporal will retry it');
      try {
        await recordActivityFailure(db, {
          workflowId: runId,
          activityId: key,
          activityType: name,
          customerId: customerId ?? null,
          attempt,
          error: `${message} (attempt ${attempt})`,
          lastFailedAt: new Date().toISOString(),
        });
      } catch (recordError) {
        logger.error({ err: String(recordError) }, 'could not record the activity failure');
      }
      throw error;
    }
  };
}

/** Run progress handed to the worker's sink, measured as the local activity's records are (step latency by node type). */
export function observeProgressWrites(write: ProgressWriter): ProgressWriter {
  return async (records) => {
    await write(records);
    for (const record of records) observeStep(record.step);
  };
}

/** The failure key of a run's progress writes: one row per run, whichever records were being written. */
const PROGRESS_WRITE_KEY = 'progress';

/**
 * Progress writes the worker's sink retries, shown as the local activity's failures were: each failed attempt in
 * `run_failures` (the dashboard's "retrying", named "Recording progress"), resolved once the records are stored.
 * Recording may fail as well when the database is down; the log still says it.
 */
export function observeProgressFailures(db: Db): ProgressWriteWatch {
  return {
    async failed(info, records, error, attempt) {
      const message = error instanceof Error ? error.message : String(error);
      const customerId = records[0]?.run.customerId ?? null;
      activityFailures.inc({ activity: 'recordProgressBatch' });
      rootLog.warn({ runId: info.workflowId, customerId, attempt, err: message }, 'writing run progress failed; retrying');
      await recordActivityFailure(db, {
        workflowId: info.workflowId,
        activityId: PROGRESS_WRITE_KEY,
        activityType: 'recordProgressBatch',
        customerId,
        attempt,
        error: `${message} (attempt ${attempt})`,
        lastFailedAt: new Date().toISOString(),
      });
    },
    async recovered(info, _records, attempts) {
      rootLog.info({ runId: info.workflowId, attempts }, 'run progress written after failures');
      await resolveActivityFailure(db, info.workflowId, PROGRESS_WRITE_KEY, new Date().toISOString());
    },
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
