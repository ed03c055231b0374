import { getJourney, pauseJourneyWithMode, pauseOf, resumeJourney, runsInFlightOf, type Journey } from '@lifecycle/db';
import { HttpError, notFound } from '../errors';
import { bulkCancel, bulkCancelCount, type ActionDeps } from '../services/runActions';
import { signalRuns, type SignalReport } from './signalRuns';

/** What a held run's step says, so admins see why it does not move. */
export const HELD_REASON = 'held: journey paused';

export type PauseMode = 'continue' | 'hold';

async function journeyOrThrow(deps: ActionDeps, id: string): Promise<Journey> {
  const journey = await getJourney(deps.db, id);
  if (!journey) throw notFound('journey', id);
  if (journey.archivedAt) throw new HttpError(409, 'archived', 'the journey is archived; unarchive it first');
  return journey;
}

/** The journey's state for the operations bar: paused how, and how many runs are in flight. */
export async function operationsState(deps: ActionDeps, id: string) {
  const journey = await getJourney(deps.db, id);
  if (!journey) throw notFound('journey', id);
  const pause = await pauseOf(deps.db, id);
  const inFlight = await runsInFlightOf(deps.db, id);
  return {
    journeyId: id,
    status: journey.status,
    pauseMode: journey.status === 'paused' ? (pause?.mode ?? 'continue') : null,
    pausedAt: journey.status === 'paused' ? (pause?.pausedAt ?? null) : null,
    pausedBy: journey.status === 'paused' ? (pause?.pausedBy ?? null) : null,
    runsInFlight: inFlight.length,
    runsOnOlderVersions: inFlight.filter((run) => run.versionId !== journey.liveVersionId).length,
  };
}

/**
 * Pauses the journey: no new entries. `hold` signals every run in flight to stop before its next step; `continue`
 * lets them carry on (and releases them, if they were held by an earlier pause).
 */
export async function pauseJourney(deps: ActionDeps, id: string, mode: PauseMode, by: string): Promise<{ journey: Journey; signals: SignalReport }> {
  const before = await journeyOrThrow(deps, id);
  if (before.status !== 'live' && before.status !== 'paused') throw new HttpError(409, 'not_live', `only a live journey can be paused; this one is ${before.status}`);
  const wasHolding = (await pauseOf(deps.db, id))?.mode === 'hold';
  const journey = await pauseJourneyWithMode(deps.db, id, mode, by);
  if (!journey) throw notFound('journey', id);
  const ids = mode === 'hold' || wasHolding ? (await runsInFlightOf(deps.db, id)).map((run) => run.workflowId) : [];
  const signals = await signalRuns(deps.temporal, ids, () => ({ kind: 'hold', hold: { held: mode === 'hold', reason: HELD_REASON } }));
  return { journey, signals };
}

/**
 * Resumes the journey: new entries again, and every run in flight released. Releasing a run that was not held
 * changes nothing, so resuming a live journey again finishes a resume whose signals failed part-way.
 */
export async function resumeJourneyRuns(deps: ActionDeps, id: string): Promise<{ journey: Journey; signals: SignalReport }> {
  const before = await journeyOrThrow(deps, id);
  if (!before.liveVersionId) throw new HttpError(409, 'not_published', 'the journey has never been published');
  if (before.status !== 'paused' && before.status !== 'live') throw new HttpError(409, 'not_paused', `only a paused journey can be resumed; this one is ${before.status}`);
  const journey = await resumeJourney(deps.db, id);
  if (!journey) throw notFound('journey', id);
  const ids = (await runsInFlightOf(deps.db, id)).map((run) => run.workflowId);
  const signals = await signalRuns(deps.temporal, ids, () => ({ kind: 'hold', hold: { held: false, reason: HELD_REASON } }));
  return { journey, signals };
}

/** How many runs a stop would cancel: every run of the journey in flight. */
export async function stopPreview(deps: ActionDeps, id: string): Promise<{ journeyId: string; runsInFlight: number }> {
  if (!(await getJourney(deps.db, id))) throw notFound('journey', id);
  return { journeyId: id, runsInFlight: await bulkCancelCount(deps.db, { journeyId: id }) };
}

/**
 * Stops the journey: it takes no more entries (paused, `stopped`), then every run in flight is cancelled through the
 * bulk cancel, if `confirm` is still their number (409 `count_changed` with the new count otherwise). A stale count is
 * refused before the journey is touched: a refused stop leaves it taking entries as before.
 */
export async function stopJourney(deps: ActionDeps, id: string, confirm: number, by: string) {
  const before = await journeyOrThrow(deps, id);
  const count = await bulkCancelCount(deps.db, { journeyId: id });
  if (count !== confirm) throw new HttpError(409, 'count_changed', `${count} runs match now, not ${confirm}; check and confirm again`, { count });
  if (before.status === 'live' || before.status === 'paused') await pauseJourneyWithMode(deps.db, id, 'stopped', by);
  const result = await bulkCancel(deps, { journeyId: id }, confirm);
  const journey = await getJourney(deps.db, id);
  if (!journey) throw notFound('journey', id);
  return { journey, ...result };
}
