import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { filterKeyOf } from './journeysFilterKey';
import { indexedBy } from '../queries/indexedBy';

/** A range of run entries and the segment/channel filter (`to` exclusive). */
export type ConversionFilter = { from: string; to: string; segmentId: string | null; channel: string | null };

/** Whether the range starts and ends at midnight UTC, as every analytics range does (resolveRange). */
function dayAligned(filter: ConversionFilter): boolean {
  return filter.from.slice(10) === 'T00:00:00.000Z' && filter.to.slice(10) === 'T00:00:00.000Z';
}

/**
 * Converted runs per version that entered in the range, and their customers' revenue within the window: from the
 * per-day rollup (migration 0038, at most days × versions rows of the filter's key). A range that does not start and
 * end at midnight UTC reads the converted runs themselves.
 */
export async function conversionTotals(db: Db, filter: ConversionFilter): Promise<{ versionId: string; converted: number; revenue: number }[]> {
  if (!dayAligned(filter)) {
    return await db.rows(sql`SELECT version_id AS versionId, count(*) AS converted, sum(revenue) AS revenue
      FROM journey_conversion_rows ${sql.raw(indexedBy(db, 'journey_conversion_rows_version'))}
      WHERE filter_key = ${filterKeyOf(filter)} AND started_at >= ${filter.from} AND started_at < ${filter.to} GROUP BY version_id`);
  }
  return await db.rows(sql`SELECT version_id AS versionId, sum(converted) AS converted, sum(revenue) AS revenue FROM journey_conversion_days
    WHERE filter_key = ${filterKeyOf(filter)} AND day >= ${filter.from.slice(0, 10)} AND day < ${filter.to.slice(0, 10)}
    GROUP BY version_id HAVING sum(converted) > 0`);
}

/**
 * The exact median of seconds to convert over the `converted` runs of one version or journey (the count from
 * conversionTotals): a walk of the index ordered by seconds to the middle rank, the mean of the two middle ones when
 * the count is even. Reads about half of that version's or journey's conversions, as index entries only.
 */
export async function medianSecondsToConvert(db: Db, filter: ConversionFilter, of: { versionId: string } | { journeyId: string }, converted: number): Promise<number | null> {
  if (converted === 0) return null;
  const owner: SQL = 'versionId' in of
    ? sql`journey_conversion_rows ${sql.raw(indexedBy(db, 'journey_conversion_rows_version'))} WHERE version_id = ${of.versionId}`
    : sql`journey_conversion_rows ${sql.raw(indexedBy(db, 'journey_conversion_rows_journey'))} WHERE journey_id = ${of.journeyId}`;
  const middle = await db.rows<{ seconds: number }>(sql`SELECT seconds FROM ${owner} AND filter_key = ${filterKeyOf(filter)}
    AND started_at >= ${filter.from} AND started_at < ${filter.to} ORDER BY seconds LIMIT ${converted % 2 === 0 ? 2 : 1} OFFSET ${Math.floor((converted - 1) / 2)}`);
  if (middle.length === 0) return null;
  return middle.reduce((total, row) => total + row.seconds, 0) / middle.length;
}
