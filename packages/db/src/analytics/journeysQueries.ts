import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { conversionTotals, medianSecondsToConvert } from './journeysConversions';
import { filterKeyOf } from './journeysFilterKey';

// The journeys figures of the Analytics area, read from the journeys rollups (journeysSchema.ts, migration 0016).
export * from './journeysSchema';
export * from './journeysConversionDaysSchema';
export * from './journeysNodeQueries';
export * from './journeysConversions';
export * from './journeysFilterKey';
export { recordDeliveryUnsubscribe, recordJourneyGoalEvent } from './journeysRollup';

export type JourneysFilter = { from: string; to: string; segmentId: string | null; channel: string | null };

/** Entries, outcomes and conversions of one journey version, for runs that entered within the range. */
export type JourneyVersionFigures = {
  journeyId: string;
  journeyName: string;
  versionId: string;
  version: number;
  entered: number;
  inProgress: number;
  completed: number;
  /** Ended otherwise: failed or cancelled. */
  endedOtherwise: number;
  converted: number;
  /** Median seconds from entry to conversion (exact); null without conversions. */
  medianSeconds: number | null;
  revenue: number;
};

type StatusRow = { versionId: string; status: string; runs: number };

/** Runs per version and status that entered in the range: the daily rollup, or (filtered) its per-filter-key twin. */
async function statusRows(db: Db, filter: JourneysFilter): Promise<StatusRow[]> {
  if (filter.segmentId === null && filter.channel === null) {
    return await db.rows<StatusRow>(sql`SELECT version_id AS versionId, status, sum(runs) AS runs FROM journey_daily_runs
      WHERE day >= ${filter.from.slice(0, 10)} AND day < ${filter.to.slice(0, 10)} GROUP BY version_id, status`);
  }
  return await db.rows<StatusRow>(sql`SELECT version_id AS versionId, status, sum(runs) AS runs FROM journey_filtered_runs
    WHERE filter_key = ${filterKeyOf(filter)} AND day >= ${filter.from.slice(0, 10)} AND day < ${filter.to.slice(0, 10)} GROUP BY version_id, status`);
}

/** Every version that had entries in the range (or converted runs), with its figures, newest journey versions first. */
export async function journeyVersionFigures(db: Db, filter: JourneysFilter): Promise<JourneyVersionFigures[]> {
  const byVersion = new Map<string, JourneyVersionFigures>();
  const versionOf = (versionId: string): JourneyVersionFigures => {
    let figures = byVersion.get(versionId);
    if (!figures) {
      figures = { journeyId: '', journeyName: '', versionId, version: 0, entered: 0, inProgress: 0, completed: 0, endedOtherwise: 0, converted: 0, medianSeconds: null, revenue: 0 };
      byVersion.set(versionId, figures);
    }
    return figures;
  };
  for (const row of await statusRows(db, filter)) {
    const figures = versionOf(row.versionId);
    figures.entered += row.runs;
    if (row.status === 'running' || row.status === 'waiting') figures.inProgress += row.runs;
    else if (row.status === 'completed') figures.completed += row.runs;
    else if (row.status === 'failed' || row.status === 'cancelled') figures.endedOtherwise += row.runs;
  }
  for (const row of await conversionTotals(db, filter)) {
    const figures = versionOf(row.versionId);
    figures.converted = row.converted;
    figures.revenue = row.revenue;
  }
  if (byVersion.size === 0) return [];
  const ids = [...byVersion.keys()];
  const names = await db.rows<{ versionId: string; version: number; journeyId: string; journeyName: string }>(sql`SELECT v.id AS versionId, v.version AS version, j.id AS journeyId, j.name AS journeyName FROM journey_versions v JOIN journeys j ON j.id = v.journey_id
        WHERE v.id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  for (const row of names) Object.assign(versionOf(row.versionId), { version: row.version, journeyId: row.journeyId, journeyName: row.journeyName });
  const found = [...byVersion.values()].filter((figures) => figures.journeyId !== '');
  for (const figures of found) figures.medianSeconds = await medianSecondsToConvert(db, filter, { versionId: figures.versionId }, figures.converted);
  return found
    .sort((a, b) => a.journeyName.localeCompare(b.journeyName) || a.journeyId.localeCompare(b.journeyId) || b.version - a.version);
}
