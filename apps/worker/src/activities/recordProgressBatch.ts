import { writeRunProgressBatch } from '@lifecycle/db';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import type { ResolvedDeps } from './deps';

/**
 * Writes what a run did since its last record in one transaction: every step (keyed by workflow and seq, so a retried
 * batch overwrites itself) and the run row as the last record left it — the earlier run rows would be overwritten
 * by it anyway. One write per step boundary instead of one per entry and exit.
 */
export function makeRecordProgressBatch({ db }: ResolvedDeps): JourneyActivities['recordProgressBatch'] {
  return async ({ records }) => {
    await writeRunProgressBatch(db, records);
    return Promise.resolve();
  };
}
