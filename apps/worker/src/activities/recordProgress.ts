import { recordRunProgress } from '@lifecycle/db';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import type { ResolvedDeps } from './deps';

/** Upserts the run row and the step (keyed by workflow and seq), so a retried record overwrites itself. */
export function makeRecordProgress({ db }: ResolvedDeps): JourneyActivities['recordProgress'] {
  return async ({ run, step }) => {
    await recordRunProgress(db, run, step);
    return Promise.resolve();
  };
}
