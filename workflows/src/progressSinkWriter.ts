import type { WorkflowInfo } from '@temporalio/workflow';
import type { ProgressRecord } from './activities';

/** The local activity's retry policy for bookkeeping (activityProxies.ts): from 0.5 s, doubling, at most 10 s apart. */
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 10_000;

export type ProgressWriter = (records: ProgressRecord[]) => Promise<void>;

/**
 * The worker's side of `progressSink` (progressSink.ts), for `Worker.create({ sinks })`. The SDK awaits a sink before
 * it hands the activation's commands to Temporal, so retrying here until the write succeeds holds the run's next
 * command back as a failing local activity would: a worker that dies first leaves the workflow task to be retried,
 * and the write is done again (the records are upserts). Not called for activations replayed from history: those
 * records were written when they first ran.
 */
export function progressSinks(write: ProgressWriter, onFailure: (error: unknown, attempt: number) => void = () => undefined) {
  return {
    runProgress: {
      write: {
        fn: async (_info: WorkflowInfo, records: ProgressRecord[]): Promise<void> => {
          for (let attempt = 1, delay = FIRST_RETRY_MS; ; attempt += 1, delay = Math.min(delay * 2, LAST_RETRY_MS)) {
            try {
              return await write(records);
            } catch (error) {
              onFailure(error, attempt);
              await new Promise((resolve) => setTimeout(resolve, delay));
            }
          }
        },
        callDuringReplay: false,
      },
    },
  };
}
