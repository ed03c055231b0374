import type { AnalyticsSettings } from '@lifecycle/journey';
import type { Db } from '../client';
import type { AnalyticsEvent } from './rollupEvent';

/** Keeps the journeys rollups current as each event is stored (inside the ingest transaction). */
export function recordJourneysEvent(db: Db, settings: AnalyticsSettings, event: AnalyticsEvent): void {
  void db;
  void settings;
  void event;
}

/** Once per stored batch, for each customer it touched (after every event of the batch was recorded). */
export function afterJourneysBatch(db: Db, settings: AnalyticsSettings, customerIds: ReadonlySet<string>, now: Date): void {
  void db;
  void settings;
  void customerIds;
  void now;
}

/** The periodic sweep (one process at a time): rollups that change with time alone, such as windows ending. */
export function sweepJourneys(db: Db, settings: AnalyticsSettings, now: Date): void {
  void db;
  void settings;
  void now;
}
