import { dispatchBacklog, pendingAnalytics, emailsPerHour, failedRunCountSince, openActivityFailures, recentFailedRuns, runsPerHour, staleRunningRuns, type Db } from '@lifecycle/db';
import { monitorConfig } from '../observability/monitorConfig';
import type { RunStarter } from '../runStarter';

const HOUR_MS = 3_600_000;
/** An activity failing for longer than this shows as stuck. */
export const STUCK_AFTER_MS = 3 * 60_000;

/** The last 24 UTC hours as `YYYY-MM-DDTHH`, oldest first, ending with the current one. */
export function last24Hours(now: Date): string[] {
  const current = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return Array.from({ length: 24 }, (_, i) => new Date(current - (23 - i) * HOUR_MS).toISOString().slice(0, 13));
}

function series(hours: string[], rows: { hour: string; n: number }[]): number[] {
  const byHour = new Map(rows.map((row) => [row.hour, row.n]));
  return hours.map((hour) => byHour.get(hour) ?? 0);
}

async function workerHealth(url: string): Promise<{ status: 'ok' | 'unhealthy' | 'unreachable'; detail: unknown }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    const detail: unknown = await response.json().catch(() => null);
    return { status: response.ok ? 'ok' : 'unhealthy', detail };
  } catch (error) {
    return { status: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The backlog from Temporal (DescribeTaskQueue with reportStats) when it answers; the fallback estimate — runs
 * marked running whose row has not moved for 5 minutes — is always given beside it.
 */
async function backlog(db: Db, temporal: RunStarter, now: Date) {
  const staleRunning = await staleRunningRuns(db, new Date(now.getTime() - 5 * 60_000).toISOString());
  try {
    const fromTemporal = temporal.taskQueueBacklog ? await temporal.taskQueueBacklog() : null;
    return { source: fromTemporal ? ('temporal' as const) : ('estimate' as const), temporal: fromTemporal, staleRunning };
  } catch (error) {
    return { source: 'estimate' as const, temporal: null, staleRunning, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Everything the dashboard shows, in one answer. */
export async function dashboard(deps: { db: Db; temporal: RunStarter }, now = new Date()) {
  const hours = last24Hours(now);
  const since = `${hours[0]}:00:00.000Z`;
  const runs = await runsPerHour(deps.db, since);
  const emails = await emailsPerHour(deps.db, since);
  const stuckBefore = new Date(now.getTime() - STUCK_AFTER_MS).toISOString();
  const [worker, temporalUp, queue] = await Promise.all([
    workerHealth(monitorConfig().workerHealthUrl),
    deps.temporal.ping ? deps.temporal.ping() : Promise.resolve(true),
    backlog(deps.db, deps.temporal, now),
  ]);
  const retrying = (await openActivityFailures(deps.db)).map(({ failure, journeyId, status, currentNodeId }) => ({
    ...failure,
    journeyId,
    status,
    currentNodeId,
    stuck: failure.firstFailedAt <= stuckBefore,
  }));
  return {
    generatedAt: now.toISOString(),
    hours,
    runs: { started: series(hours, runs.started), completed: series(hours, runs.completed), failed: series(hours, runs.failed) },
    emails: { sent: series(hours, emails.sent), opened: series(hours, emails.opened), clicked: series(hours, emails.clicked) },
    health: { worker, temporal: temporalUp ? 'connected' : 'unreachable' },
    backlog: queue,
    dispatch: await dispatchBacklog(deps.db),
    analytics: (({ count, oldestQueuedAt }) => ({ pending: count, oldestQueuedAt }))(await pendingAnalytics(deps.db)),
    retrying,
    // Runs that went wrong: ended failed, or a step failed for good (a send that failed) while the run went on.
    failedRunCount: await failedRunCountSince(deps.db, since),
    failedRuns: (await recentFailedRuns(deps.db, since, 50)).map((run) => ({
      workflowId: run.workflowId,
      journeyId: run.journeyId,
      customerId: run.customerId,
      status: run.status,
      currentNodeId: run.currentNodeId,
      error: run.error,
      failedSteps: run.failedSteps,
      startedAt: run.startedAt,
      endedAt: run.endedAt,
    })),
  };
}
