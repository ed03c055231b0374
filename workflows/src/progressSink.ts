import { proxySinks, type Sinks } from '@temporalio/workflow';
import type { ProgressRecord } from './activities';

/**
 * Runs that ask this patch at their first batched write hand their progress records to the worker's sink instead of a
 * local activity: trigger → send → exit takes two activations instead of three. Runs that wrote through the local
 * activity before it keep doing so (their histories hold its markers).
 */
export const PROGRESS_SINK_PATCH = 'progress-through-sink';

/**
 * The worker writes what the run hands it when the activation that handed it ends, before the activation's commands
 * reach Temporal (see progressSinkWriter.ts): the records are stored before the run's next command (a timer, an
 * activity, the run's end) is, as a local activity's would be, without a second activation to take its result.
 */
export interface ProgressSinks extends Sinks {
  runProgress: { write(records: ProgressRecord[]): void };
}

export const progressSink = proxySinks<ProgressSinks>();
