import type { AnalyticsSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import type { AnalyticsEvent } from './rollupEvent';
import { recordCustomerFacts } from './customerFacts';
import { afterExperimentsBatch, recordExperimentsEvent, sweepExperiments } from './experimentsRollup';
import { afterHealthBatch, recordHealthEvent, sweepHealth } from './healthRollup';
import { forgetHealthNotes } from './healthRelevance';
import { endJourneysBatch, recordJourneysEvent } from './journeysRollup';
import { recordRetentionEvent } from './retentionRollup';
import { recordSurveysEvent } from './surveysRollup';
import { recordValueEvent } from './valueRollup';

/**
 * `ANALYTICS_ROLLUPS=off` turns the three hooks below and the queue of events to apply (pendingEvents.ts) into
 * no-ops. Only bench/analytics.ts sets it, to measure what analytics costs ingest; read once at start, so the
 * production path is unchanged when unset.
 */
export const rollupsOff = process.env.ANALYTICS_ROLLUPS === 'off';

// Stage figures are kept by changeStage itself (stage changes do not all pass through ingest).
const perEvent = [recordCustomerFacts, recordRetentionEvent, recordValueEvent, recordSurveysEvent, recordJourneysEvent, recordExperimentsEvent, recordHealthEvent];
// Health scores last: they read what the others recorded.
const perBatch = [afterExperimentsBatch, afterHealthBatch];
const perSweep = [sweepExperiments, sweepHealth];

/**
 * The one place stored events reach the analytics rollups, so analytics pages read small, current tables instead
 * of scanning events. Ingest queues its events and the applier (pendingEvents.ts) calls this after the commit, in the
 * transaction that takes them off the queue: a rollup never counts an event twice or loses one.
 */
export async function recordAnalyticsEvent(db: Db, settings: AnalyticsSettings, event: AnalyticsEvent): Promise<void> {
  if (rollupsOff) return;
  for (const record of perEvent) await record(db, settings, event);
}

/** After a batch is recorded: per-customer figures that depend on all of it. */
export async function afterAnalyticsBatch(db: Db, settings: AnalyticsSettings, customerIds: ReadonlySet<string>, now: Date): Promise<void> {
  if (rollupsOff) return;
  if (customerIds.size > 0) for (const after of perBatch) await after(db, settings, customerIds, now);
  endAnalyticsBatch(db);
}

/** Drops what a batch kept in memory (read once per batch). Called by `afterAnalyticsBatch`, and by a batch that failed. */
export function endAnalyticsBatch(db: Db): void {
  endJourneysBatch(db);
  forgetHealthNotes(db);
}

/** The periodic part, run by the lifecycle sweep under its lock. */
export async function sweepAnalytics(db: Db, settings: AnalyticsSettings, now: Date): Promise<void> {
  if (rollupsOff) return;
  for (const sweep of perSweep) await sweep(db, settings, now);
}
