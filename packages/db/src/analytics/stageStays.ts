import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import type { StageFilter } from './stagesQueries';

/**
 * Time in stage from the stay histograms of migration 0028 (`stage_stays_ended_keyed`, `stage_stays_begun_keyed`),
 * which triggers keep per (segment, channel) key and for ('', '') — the unfiltered view. A few thousand rows per
 * request whatever the number of stays.
 */

/** Finished stays per duration bucket (see `stayBucketBounds`). */
export type StayBucket = { stage: string; bucket: number; stays: number };
/** Stays going on at a moment, per UTC day they began. */
export type StayStartDay = { stage: string; startDay: string; stays: number };

const keyOf = (filter: StageFilter): SQL => sql`segment_id = ${filter.segmentId ?? ''} AND channel = ${filter.channel ?? ''}`;

/** Duration buckets: 0 is under a minute; b ≥ 1 is [1 min · 1.05^(b−1), 1 min · 1.05^b) (ms). Same formula as the triggers. */
export function stayBucketBounds(bucket: number): { lo: number; hi: number } {
  if (bucket <= 0) return { lo: 0, hi: 60_000 };
  return { lo: 60_000 * 1.05 ** (bucket - 1), hi: 60_000 * 1.05 ** bucket };
}

/** Stays that ended in [from, to) (by UTC day: ranges start and end on days), per stage and duration bucket. */
export async function endedStayBuckets(db: Db, filter: StageFilter, range: { from: string; to: string }): Promise<StayBucket[]> {
  return await db.rows(sql`SELECT stage, bucket, sum(stays) AS stays FROM stage_stays_ended_keyed
        WHERE ${keyOf(filter)} AND day >= ${range.from.slice(0, 10)} AND day < ${range.to.slice(0, 10)}
        GROUP BY stage, bucket HAVING sum(stays) > 0`);
}

/**
 * Stays begun by `asOf` and not ended by it, per stage and day begun. To the day: `asOf` at midnight (the end of a
 * range) takes stays begun before that day and ended on it or later; `asOf` within a day (now) takes stays begun up to
 * that day and still going on.
 */
export async function currentStayDays(db: Db, filter: StageFilter, asOf: string): Promise<StayStartDay[]> {
  const day = asOf.slice(0, 10);
  const midnight = asOf.slice(10) === 'T00:00:00.000Z';
  const begun = midnight ? sql`start_day < ${day}` : sql`start_day <= ${day}`;
  const notEnded = midnight ? sql`(left_day = '' OR left_day >= ${day})` : sql`(left_day = '' OR left_day > ${day})`;
  return await db.rows(sql`SELECT stage, start_day AS startDay, sum(stays) AS stays FROM stage_stays_begun_keyed
        WHERE ${keyOf(filter)} AND ${notEnded} AND ${begun} GROUP BY stage, start_day HAVING sum(stays) > 0`);
}
