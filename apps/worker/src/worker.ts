import { JOURNEY_TASK_QUEUE } from '@lifecycle/workflows/ids';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import { progressSinks, type ProgressWriter, type ProgressWriteWatch } from '@lifecycle/workflows/progressSinkWriter';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { log } from './observability/logger';

/** Prebuilt workflow code (from `bundleJourneyWorkflows`) or a file holding it. */
export type WorkflowBundle = { code: string } | { codePath: string };

export interface JourneyWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  activities: JourneyActivities;
  /** Where the runs' progress records go (`progressWriter(db)`): the runs hand them over at the end of an activation. */
  writeProgress: ProgressWriter;
  /** Told while a progress write fails and is retried (`observeProgressFailures(db)`); logged when not given. */
  progressWatch?: ProgressWriteWatch;
  workflowBundle: WorkflowBundle;
  /** Runs kept in the sticky cache (WORKER_MAX_CACHED_WORKFLOWS); 1000 when not given. */
  maxCachedWorkflows?: number;
}

/** Failed progress writes, logged (the runs' retries go on). */
const loggedProgressFailures: ProgressWriteWatch = {
  failed: (info, _records, error, attempt) => log.warn({ runId: info.workflowId, err: String(error), attempt }, 'writing run progress failed; retrying'),
  recovered: (info, _records, attempts) => log.info({ runId: info.workflowId, attempts }, 'run progress written after failures'),
};

/** A worker for journey runs and their activities; call `run()` on it, `shutdown()` to stop. */
export function createJourneyWorker(options: JourneyWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? JOURNEY_TASK_QUEUE,
    activities: options.activities,
    sinks: progressSinks(options.writeProgress, options.progressWatch ?? loggedProgressFailures),
    workflowBundle: options.workflowBundle,
    // After a worker dies its cached runs move to another worker within ~2 s instead of the default 10 s.
    stickyQueueScheduleToStartTimeout: '1s',
    // Activities are short (SQLite writes, one SMTP call); a few dozen at once saturate two cores.
    maxConcurrentActivityTaskExecutions: 32,
    maxConcurrentLocalActivityExecutions: 32,
    maxConcurrentWorkflowTaskExecutions: 32,
    // Bounded so memory stays flat however many runs wait: an evicted run is replayed from its history when it wakes.
    maxCachedWorkflows: options.maxCachedWorkflows ?? 1000,
    // One V8 context shared by every cached run (the SDK's default, stated as memory depends on it): ~1/3 of the
    // memory per cached run of a context each.
    reuseV8Context: true,
  });
}
