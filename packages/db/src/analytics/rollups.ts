import type { AnalyticsSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import type { AnalyticsEvent } from './rollupEvent';
import { recordCustomerFacts } from './customerFacts';
import { afterExperimentsBatch, recordExperimentsEvent, sweepExperiments } from './experimentsRollup';
import { afterHealthBatch, recordHealthEvent, sweepHealth } from './healthRollup';
import { afterJourneysBatch, recordJourneysEvent, sweepJourneys } from './journeysRollup';
import { afterRetentionBatch, recordRetentionEvent, sweepRetention } from './retentionRollup';
import { afterStagesBatch, recordStagesEvent, sweepStages } from './stagesRollup';
import { afterSurveysBatch, recordSurveysEvent, sweepSurveys } from './surveysRollup';
import { afterValueBatch, recordValueEvent, sweepValue } from './valueRollup';

/**
 * `ANALYTICS_ROLLUPS=off` turns the three hooks below into no-ops. Only bench/analytics.ts sets it, to measure
 * what analytics costs ingest; read once at start, so the production path is unchanged when unset.
 */
const rollupsOff = process.env.ANALYTICS_ROLLUPS === 'off';

/**
 * The one place stored events reach the analytics rollups, so analytics pages read small, current tables instead
 * of scanning events. Called inside the transaction that stores the event: a rollup never disagrees with the events.
 */
export function recordAnalyticsEvent(db: Db, settings: AnalyticsSettings, event: AnalyticsEvent): void {
  if (rollupsOff) return;
  recordCustomerFacts(db, settings, event);
  recordStagesEvent(db, settings, event);
  recordRetentionEvent(db, settings, event);
  recordValueEvent(db, settings, event);
  recordSurveysEvent(db, settings, event);
  recordJourneysEvent(db, settings, event);
  recordExperimentsEvent(db, settings, event);
  recordHealthEvent(db, settings, event);
}

/** After a batch is recorded: per-customer figures that depend on all of it (health scores last: they read the others). */
export function afterAnalyticsBatch(db: Db, settings: AnalyticsSettings, customerIds: ReadonlySet<string>, now: Date): void {
  if (rollupsOff || customerIds.size === 0) return;
  afterStagesBatch(db, settings, customerIds, now);
  afterRetentionBatch(db, settings, customerIds, now);
  afterValueBatch(db, settings, customerIds, now);
  afterSurveysBatch(db, settings, customerIds, now);
  afterJourneysBatch(db, settings, customerIds, now);
  afterExperimentsBatch(db, settings, customerIds, now);
  afterHealthBatch(db, settings, customerIds, now);
}

/** The periodic part, run by the lifecycle sweep under its lock. */
export function sweepAnalytics(db: Db, settings: AnalyticsSettings, now: Date): void {
  if (rollupsOff) return;
  sweepStages(db, settings, now);
  sweepRetention(db, settings, now);
  sweepValue(db, settings, now);
  sweepSurveys(db, settings, now);
  sweepJourneys(db, settings, now);
  sweepExperiments(db, settings, now);
  sweepHealth(db, settings, now);
}
