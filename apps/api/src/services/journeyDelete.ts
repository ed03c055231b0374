import { deleteJourneyUnlessRunning, pauseJourney, type Journey } from '@lifecycle/db';
import { HttpError, notFound } from '../errors';
import { cancelRuns, type ActionDeps } from './runActions';

/** A run started by a dispatch already under way can appear while we cancel; a few rounds catch those. */
const cancelRounds = 3;

function runsInFlight(count: number): HttpError {
  return new HttpError(
    409,
    'conflict',
    `the journey has ${count} run(s) in flight; deleting it would leave them sending. Cancel them and delete (cancelRuns=true), or wait until they end`,
    { runsInFlight: count },
  );
}

/**
 * Deletes a journey. With runs in flight it refuses (409 with their count), or with `cancelRuns` pauses the journey
 * (no new customers), cancels its runs through the run cancel action and then deletes it. If a run cannot be
 * cancelled (Temporal unreachable) the journey is left paused, not deleted, so no run ever sends for a journey
 * that is gone.
 */
export async function removeJourney(deps: ActionDeps, id: string, options: { cancelRuns: boolean }): Promise<{ journey: Journey; cancelledRuns: number }> {
  const cancelling = new Set<string>();
  for (let round = 0; ; round += 1) {
    const attempt = await deleteJourneyUnlessRunning(deps.db, id, cancelling);
    switch (attempt.status) {
      case 'deleted':
        return { journey: attempt.journey, cancelledRuns: cancelling.size };
      case 'missing':
        throw notFound('journey', id);
      case 'running':
        if (!options.cancelRuns) throw runsInFlight(attempt.workflowIds.length);
        if (round === cancelRounds) {
          throw new HttpError(503, 'cancel_failed', `${attempt.workflowIds.length} run(s) could not be cancelled (is Temporal reachable?); the journey is paused, not deleted: try again`, {
            runsInFlight: attempt.workflowIds.length,
          });
        }
        if (round === 0) await pauseJourney(deps.db, id);
        for (const [workflowId, outcome] of await cancelRuns(deps, attempt.workflowIds)) {
          if (outcome !== 'failed') cancelling.add(workflowId);
        }
        break;
      default: {
        const unknown: never = attempt;
        throw new Error(`unknown delete result ${JSON.stringify(unknown)}`);
      }
    }
  }
}
