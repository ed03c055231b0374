// The health figures of the Analytics area and the profile, read from the health rollups keyed by segment and channel
// (healthKeyedSchema.ts, migration 0041) — a few rows per figure whatever the filter — never from events or history.
import { nextPeriod, periodsBetween, type AnalyticsInterval, type HealthBand } from '@lifecycle/journey';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export * from './healthSchema';
export * from './healthKeyedSchema';
export { loadHealthSettings, saveHealthSettings } from './healthSettingsStore';
export { healthInputsOf } from './healthInputs';

type Filter = { segmentId: string | null; channel: string | null };
type Range = Filter & { from: string; to: string; interval: AnalyticsInterval };
export type BandCounts = Record<HealthBand, number>;

const BANDS: readonly HealthBand[] = ['healthy', 'at_risk', 'critical'];
const emptyCounts = (): BandCounts => ({ healthy: 0, at_risk: 0, critical: 0 });

/** The rollup key of a filter (healthKeyedSchema.ts): '' is "any". */
const keyOf = (filter: Filter): { segment: string; channel: string } => ({ segment: filter.segmentId ?? '', channel: filter.channel ?? '' });

/** Customers per band now, and the average score (health_now_keyed: a few rows per band, whatever the filter). */
export async function healthBandsNow(db: Db, filter: Filter): Promise<{ bands: BandCounts; averageScore: number | null }> {
  const key = keyOf(filter);
  const rows = await db.rows<{ band: HealthBand; customers: number; total: number }>(
    sql`SELECT band, sum(customers) AS customers, sum(score_total) AS total FROM health_now_keyed WHERE segment_id = ${key.segment} AND channel = ${key.channel} GROUP BY band`,
  );
  const bands = emptyCounts();
  for (const row of rows) if (BANDS.includes(row.band)) bands[row.band] = row.customers;
  const customers = rows.reduce((sum, row) => sum + row.customers, 0);
  return { bands, averageScore: customers === 0 ? null : Math.round((10 * rows.reduce((sum, row) => sum + row.total, 0)) / customers) / 10 };
}

/**
 * Customers per band at the end of each period (or now, for the current one): a running sum of the key's daily band
 * moves (+1 into the band moved to, −1 out of the band moved from), from the first day on record.
 */
export async function healthBandsOverTime(db: Db, range: Range, now: Date): Promise<{ period: string; bands: BandCounts }[]> {
  const key = keyOf(range);
  const moves = await db.rows<{ day: string; band: HealthBand; delta: number }>(sql`
    SELECT day, band, sum(delta) AS delta FROM (
      SELECT day, to_band AS band, moves AS delta FROM health_moves_keyed WHERE segment_id = ${key.segment} AND channel = ${key.channel}
      UNION ALL
      SELECT day, from_band, -moves FROM health_moves_keyed WHERE segment_id = ${key.segment} AND channel = ${key.channel} AND from_band <> ''
    ) AS sub1 GROUP BY day, band ORDER BY day`);
  const today = now.toISOString().slice(0, 10);
  const running = emptyCounts();
  let next = 0;
  return periodsBetween(range.from, range.to, range.interval).filter((period) => period <= today).map((period) => {
    const end = nextPeriod(period, range.interval);
    for (let move = moves[next]; move !== undefined && move.day < end; move = moves[(next += 1)]) if (BANDS.includes(move.band)) running[move.band] += move.delta;
    return { period, bands: { ...running } };
  });
}

/**
 * Band changes in the range (from → to, how many), by the UTC day they happened (the range is whole days, as
 * resolveRange makes it); a first score is not a change.
 */
export async function healthTransitions(db: Db, range: Range): Promise<{ from: HealthBand; to: HealthBand; transitions: number }[]> {
  const key = keyOf(range);
  return await db.rows<{ from: HealthBand; to: HealthBand; transitions: number }>(sql`
    SELECT from_band AS "from", to_band AS "to", sum(moves) AS transitions FROM health_moves_keyed
    WHERE segment_id = ${key.segment} AND channel = ${key.channel} AND day >= ${range.from.slice(0, 10)} AND day < ${range.to.slice(0, 10)} AND from_band <> ''
    GROUP BY from_band, to_band HAVING sum(moves) > 0 ORDER BY transitions DESC, from_band, to_band`);
}

export type HealthDimension = 'stage' | 'channel' | 'segment';

/**
 * The customers per group and the sum of their scores, from the rollups: by stage and by channel from
 * health_now_keyed (customers without a channel are the key's total less every channel's), by segment from
 * health_member_keyed.
 */
function healthTotalsBy(dimension: HealthDimension, filter: Filter) {
  const key = keyOf(filter);
  switch (dimension) {
    case 'stage':
      return sql`SELECT CASE WHEN stage = '' THEN '(none)' ELSE stage END AS key, sum(customers) AS customers, sum(score_total) AS total
        FROM health_now_keyed WHERE segment_id = ${key.segment} AND channel = ${key.channel} GROUP BY 1`;
    case 'channel':
      return filter.channel !== null
        ? sql`SELECT channel AS key, sum(customers) AS customers, sum(score_total) AS total FROM health_now_keyed WHERE segment_id = ${key.segment} AND channel = ${key.channel} GROUP BY 1`
        : sql`SELECT key, sum(customers) AS customers, sum(total) AS total FROM (
            SELECT CASE WHEN channel = '' THEN '(none)' ELSE channel END AS key, customers, score_total AS total FROM health_now_keyed WHERE segment_id = ${key.segment}
            UNION ALL SELECT '(none)', -customers, -score_total FROM health_now_keyed WHERE segment_id = ${key.segment} AND channel <> ''
          ) AS sub2 GROUP BY 1`;
    case 'segment':
      return sql`SELECT s.name AS key, sum(h.customers) AS customers, sum(h.score_total) AS total
        FROM health_member_keyed h JOIN segments s ON s.id = h.member_of WHERE h.segment_id = ${key.segment} AND h.channel = ${key.channel} GROUP BY s.id`;
    default: {
      const unknown: never = dimension;
      throw new Error(`unknown dimension ${String(unknown)}`);
    }
  }
}

/** Average current score (and customers scored) per stage, channel or segment. */
export async function healthAverageBy(db: Db, dimension: HealthDimension, filter: Filter): Promise<{ key: string; customers: number; averageScore: number }[]> {
  return (
    await db.rows<{ key: string; customers: number; total: number }>(sql`SELECT * FROM (${healthTotalsBy(dimension, filter)}) AS totals WHERE customers > 0 ORDER BY customers DESC, key`)
  ).map((row) => ({ key: row.key, customers: row.customers, averageScore: Math.round((row.total / row.customers) * 10) / 10 }));
}

/** A customer's current score and their score history, newest first. */
export async function customerHealthOf(db: Db, customerId: string, limit = 100) {
  const [current] = await db.rows<{ score: number; band: HealthBand; computedAt: string }>(
    sql`SELECT score, band, computed_at AS computedAt FROM customer_health WHERE customer_id = ${customerId}`,
  );
  const history = await db.rows<{ score: number; band: HealthBand; from: HealthBand | null; at: string }>(
    sql`SELECT score, band, from_band AS "from", at FROM health_history WHERE customer_id = ${customerId} ORDER BY at DESC, id DESC LIMIT ${limit}`,
  );
  return { current: current ?? null, history };
}
