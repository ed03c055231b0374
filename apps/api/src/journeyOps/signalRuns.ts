import type { RunOperation } from '@lifecycle/workflows/messages';
import { HttpError } from '../errors';
import { log } from '../observability/logger';
import type { RunStarter } from '../runStarter';

/** What happened to a batch of signals: runs reached, runs Temporal no longer knew, runs it could not reach. */
export type SignalReport = { signalled: number; notFound: number; failed: string[] };

const LANES = 8;
const ATTEMPTS = 3;

/**
 * Sends an operation to each run, eight at a time. A signal that throws (Temporal unreachable, overloaded) is retried
 * twice with a short backoff; runs still not reached are listed in `failed`, and every operation is idempotent in the
 * workflow (a repeated hold, release, migration or exit changes nothing), so the caller repeats the action to finish.
 */
export async function signalRuns(temporal: RunStarter, workflowIds: readonly string[], operationOf: (workflowId: string) => RunOperation): Promise<SignalReport> {
  if (workflowIds.length === 0) return { signalled: 0, notFound: 0, failed: [] };
  if (!temporal.signalOperation) throw new HttpError(503, 'unavailable', 'this API cannot signal runs');
  const send = temporal.signalOperation.bind(temporal);
  const report: SignalReport = { signalled: 0, notFound: 0, failed: [] };
  const queue = [...workflowIds];
  async function lane() {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const outcome = await withRetries(() => send(id, operationOf(id)));
      if (outcome === 'signalled') report.signalled += 1;
      else if (outcome === 'not_found') report.notFound += 1;
      else {
        report.failed.push(id);
        log.warn({ runId: id, error: outcome.error }, 'journey operation signal failed');
      }
    }
  }
  await Promise.all(Array.from({ length: LANES }, lane));
  return report;
}

async function withRetries<T>(action: () => Promise<T>): Promise<T | { error: string }> {
  let last: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    try {
      return await action();
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 4 ** attempt));
    }
  }
  return { error: last instanceof Error ? last.message : String(last) };
}
