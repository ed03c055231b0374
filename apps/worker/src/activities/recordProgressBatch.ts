import { writeRunProgressBatch, type Db } from '@lifecycle/db';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import type { ProgressWriter } from '@lifecycle/workflows/progressSinkWriter';
import type { ResolvedDeps } from './deps';

/**
 * Writes what a run did since its last record in one transaction: every step (keyed by workflow and seq, so a retried
 * batch overwrites itself) and the run row as the last record left it — the earlier run rows would be overwritten
 * by it anyway. One write per step boundary instead of one per entry and exit. Runs hand their records to the
 * worker's sink (createJourneyWorker); runs from before it call the local activity below.
 */
export function progressWriter(db: Db): ProgressWriter {
  return (records) => writeRunProgressBatch(db, records);
}

export function makeRecordProgressBatch({ db }: ResolvedDeps): JourneyActivities['recordProgressBatch'] {
  const write = progressWriter(db);
  return async ({ records }) => write(records);
}
