import type { WorkflowInfo } from '@temporalio/workflow';
import type { ProgressRecord } from './activities';

/** The local activity's retry policy for bookkeeping (activityProxies.ts): from 0.5 s, doubling, at most 10 s apart. */
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 10_000;

export type ProgressWriter = (records: ProgressRecord[]) => Promise<void>;

/** Told of each failed attempt to write a run's records, and of the attempt that stored them after failures. */
export interface ProgressWriteWatch {
  failed(info: WorkflowInfo, records: ProgressRecord[], error: unknown, attempt: number): void | Promise<void>;
  recovered(info: WorkflowInfo, records: ProgressRecord[], attempts: number): void | Promise<void>;
}

/** A watch must not stop the retries: what it throws is dropped (it reports, the write is what matters). */
async function tell(report: () => void | Promise<void>): Promise<void> {
  try {
    await report();
  } catch {
    // reporting failed too (the database is likely down): the write's own retries go on
  }
}

/**
 * The worker's side of `progressSink` (progressSink.ts), for `Worker.create({ sinks })`. The SDK awaits a sink before
 * it hands the activation's commands to Temporal, so retrying here until the write succeeds holds the run's next
 * command back as a failing local activity would: a worker that dies first leaves the workflow task to be retried,
 * and the write is done again (the records are upserts). Not called for activations replayed from history: those
 * records were written when they first ran.
 */
export function progressSinks(write: ProgressWriter, watch?: ProgressWriteWatch) {
  return {
    runProgress: {
      write: {
        fn: async (info: WorkflowInfo, records: ProgressRecord[]): Promise<void> => {
          for (let attempt = 1, delay = FIRST_RETRY_MS; ; attempt += 1, delay = Math.min(delay * 2, LAST_RETRY_MS)) {
            try {
              await write(records);
            } catch (error) {
              if (watch) await tell(() => watch.failed(info, records, error, attempt));
              await new Promise((resolve) => setTimeout(resolve, delay));
              continue;
            }
            if (watch && attempt > 1) await tell(() => watch.recovered(info, records, attempt));
            return;
          }
        },
        callDuringReplay: false,
      },
    },
  };
}
