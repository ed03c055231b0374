import { activeRunIdsMatching, getEvent, getJourneyVersion, getRun, insertRunIfAbsent, openActivityFailures, upsertRun, type Db, type Run } from '@lifecycle/db';
import { JourneyGraph } from '@lifecycle/journey';
import { journeyRunId } from '@lifecycle/workflows/ids';
import type { RunEvent } from '@lifecycle/workflows/messages';
import { HttpError, notFound } from '../errors';
import { runActions } from '../observability/apiMetrics';
import { runLog } from '../observability/logger';
import type { RunStarter } from '../runStarter';
import { sortableId } from '../sortableId';
import { runsFilter, type RunsFilterQuery } from './runs';

export type ActionDeps = { db: Db; temporal: RunStarter; timeScale: number };

const isActive = (run: Run) => run.status === 'running' || run.status === 'waiting';

async function activeRun(db: Db, workflowId: string): Promise<Run> {
  const run = await getRun(db, workflowId);
  if (!run) throw notFound('run', workflowId);
  if (!isActive(run)) throw new HttpError(409, 'run_ended', `the run has already ended (${run.status})`);
  return run;
}

function needs<K extends 'cancel' | 'skipWait'>(temporal: RunStarter, method: K): NonNullable<RunStarter[K]> {
  const fn = temporal[method];
  if (!fn) throw new HttpError(503, 'unavailable', `this API cannot ${method} runs`);
  return fn.bind(temporal) as NonNullable<RunStarter[K]>;
}

/**
 * Asks Temporal to cancel the run; the workflow then records `cancelled` itself. A run Temporal no longer knows
 * cannot record anything, so its row is marked cancelled here.
 */
export async function cancelRun(deps: ActionDeps, workflowId: string): Promise<{ workflowId: string; result: 'cancel_requested' | 'marked_cancelled' }> {
  const run = await activeRun(deps.db, workflowId);
  const outcome = await needs(deps.temporal, 'cancel')(workflowId);
  runActions.inc({ action: 'cancel', outcome });
  runLog(run).info({ outcome }, 'run cancel requested');
  if (outcome === 'cancelled') return { workflowId, result: 'cancel_requested' };
  await upsertRun(deps.db, { ...run, status: 'cancelled', waitingUntil: null, error: 'cancelled; Temporal no longer knew the run', endedAt: new Date().toISOString() });
  return { workflowId, result: 'marked_cancelled' };
}

/** Ends the run's current wait now (the skipWait signal); only a waiting run has a wait to end. */
export async function sendRunOnNow(deps: ActionDeps, workflowId: string): Promise<{ workflowId: string; result: 'signalled' }> {
  const run = await activeRun(deps.db, workflowId);
  if (run.status !== 'waiting') throw new HttpError(409, 'not_waiting', 'the run is not waiting; there is no wait to skip');
  const outcome = await needs(deps.temporal, 'skipWait')(workflowId);
  runActions.inc({ action: 'skip_wait', outcome });
  runLog(run).info({ outcome, nodeId: run.currentNodeId }, 'run sent on from its wait');
  if (outcome === 'not_found') throw new HttpError(409, 'run_not_in_temporal', 'Temporal no longer knows this run');
  return { workflowId, result: 'signalled' };
}

/**
 * Retries a failed run's failed step: a new run of the same version for the same customer, started at the node the
 * run failed on (`resumeAt`). An activity that is still retrying cannot be made to retry sooner from the TypeScript
 * client (Temporal retries it on its own backoff), so that is refused with the reason.
 */
export async function retryFailedStep(deps: ActionDeps, workflowId: string): Promise<{ workflowId: string; retryWorkflowId: string; resumeAt: string }> {
  const run = await getRun(deps.db, workflowId);
  if (!run) throw notFound('run', workflowId);
  if (run.status !== 'failed') {
    const retrying = isActive(run) && (await openActivityFailures(deps.db, 1000)).some((open) => open.failure.workflowId === workflowId);
    throw new HttpError(
      409,
      retrying ? 'retrying' : 'not_failed',
      retrying
        ? 'the step is still being retried by Temporal on its backoff; a retry cannot be forced from here (cancel the run or wait)'
        : `only a failed run can be retried; this one is ${run.status}`,
    );
  }
  const version = await getJourneyVersion(deps.db, run.journeyId, run.versionId);
  const graph = version && JourneyGraph.safeParse(version.graph);
  if (!version || !graph?.success) throw new HttpError(409, 'version_gone', 'the journey version this run pinned no longer exists');
  const resumeAt = run.currentNodeId ?? graph.data.nodes.find((node) => node.type === 'trigger')?.id;
  if (!resumeAt) throw new HttpError(409, 'version_gone', 'the pinned version has no trigger');
  const stored = run.triggerEventId ? await getEvent(deps.db, run.triggerEventId) : undefined;
  const triggerEvent: RunEvent = stored
    ? { id: stored.id, name: stored.name ?? '', properties: stored.properties, timestamp: stored.timestamp }
    : { id: `retry:${workflowId}`, name: 'retry', properties: {}, timestamp: new Date().toISOString() };
  const retryWorkflowId = journeyRunId(run.journeyId, run.customerId, sortableId('retry'));
  await deps.temporal.startRun(
    { journeyId: run.journeyId, versionId: version.id, version: version.version, graph: graph.data, customerId: run.customerId, triggerEvent, timeScale: deps.timeScale, resumeAt },
    retryWorkflowId,
  );
  await insertRunIfAbsent(deps.db, { workflowId: retryWorkflowId, journeyId: run.journeyId, versionId: version.id, customerId: run.customerId, triggerEventId: run.triggerEventId, status: 'running', startedAt: new Date().toISOString() });
  runActions.inc({ action: 'retry', outcome: 'started' });
  runLog(run).info({ retryWorkflowId, resumeAt }, 'failed run retried from its failed step');
  return { workflowId, retryWorkflowId, resumeAt };
}

/** How many active runs match the filter (what a bulk cancel would cancel). */
export async function bulkCancelCount(db: Db, filter: RunsFilterQuery): Promise<number> {
  return (await activeRunIdsMatching(db, runsFilter(filter))).length;
}

/**
 * Cancels every active run matching the filter, if `confirm` is still their number (else 409 with the new count,
 * so nobody cancels more than they saw). Cancels a few at a time.
 */
export async function bulkCancel(deps: ActionDeps, filter: RunsFilterQuery, confirm: number) {
  const ids = await activeRunIdsMatching(deps.db, runsFilter(filter));
  if (ids.length !== confirm) throw new HttpError(409, 'count_changed', `${ids.length} runs match now, not ${confirm}; check and confirm again`, { count: ids.length });
  const results = { requested: 0, markedCancelled: 0, failed: 0 };
  for (const outcome of (await cancelRuns(deps, ids)).values()) {
    if (outcome === 'cancel_requested') results.requested += 1;
    else if (outcome === 'marked_cancelled') results.markedCancelled += 1;
    else results.failed += 1;
  }
  return { count: ids.length, ...results };
}

/**
 * Cancels these runs, eight at a time, and answers what happened to each: `failed` when the run ended meanwhile or
 * Temporal refused (counted, not fatal).
 */
export async function cancelRuns(deps: ActionDeps, ids: readonly string[]): Promise<Map<string, 'cancel_requested' | 'marked_cancelled' | 'failed'>> {
  const outcomes = new Map<string, 'cancel_requested' | 'marked_cancelled' | 'failed'>();
  const queue = [...ids];
  async function lane() {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        outcomes.set(id, (await cancelRun(deps, id)).result);
      } catch {
        outcomes.set(id, 'failed');
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, lane));
  return outcomes;
}
