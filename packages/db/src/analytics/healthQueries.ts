// The health figures of the Analytics area and the profile, read from the health rollups (never from events).
import { nextPeriod, periodsBetween, type AnalyticsInterval, type HealthBand } from '@lifecycle/journey';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';

export * from './healthSchema';
export { loadHealthSettings, saveHealthSettings } from './healthSettingsStore';
export { healthInputsOf } from './healthInputs';

type Filter = { segmentId: string | null; channel: string | null };
type Range = Filter & { from: string; to: string; interval: AnalyticsInterval };
export type BandCounts = Record<HealthBand, number>;

const BANDS: readonly HealthBand[] = ['healthy', 'at_risk', 'critical'];
const emptyCounts = (): BandCounts => ({ healthy: 0, at_risk: 0, critical: 0 });

/** Customers per band now, and the average score. */
export function healthBandsNow(db: Db, filter: Filter): { bands: BandCounts; averageScore: number | null } {
  const rows = db.all<{ band: HealthBand; customers: number; total: number }>(
    sql`SELECT band, count(*) AS customers, sum(score) AS total FROM customer_health h WHERE ${customerFilter(sql`h.customer_id`, filter)} GROUP BY band`,
  );
  const bands = emptyCounts();
  for (const row of rows) if (BANDS.includes(row.band)) bands[row.band] = row.customers;
  const customers = rows.reduce((sum, row) => sum + row.customers, 0);
  return { bands, averageScore: customers === 0 ? null : Math.round((10 * rows.reduce((sum, row) => sum + row.total, 0)) / customers) / 10 };
}

/**
 * Customers per band at the end of each period (or now, for the current one): a running sum of the daily
 * band moves. Unfiltered it reads the per-day rollup; with a segment or channel, the filtered customers' history.
 */
export function healthBandsOverTime(db: Db, range: Range, now: Date): { period: string; bands: BandCounts }[] {
  const filtered = range.segmentId !== null || range.channel !== null;
  const moves = filtered
    ? db.all<{ day: string; band: HealthBand; delta: number }>(sql`
        SELECT day, band, sum(delta) AS delta FROM (
          SELECT substr(at, 1, 10) AS day, band, 1 AS delta FROM health_history h INDEXED BY health_history_moves WHERE band IS NOT from_band AND ${customerFilter(sql`h.customer_id`, range)}
          UNION ALL
          SELECT substr(at, 1, 10), from_band, -1 FROM health_history h INDEXED BY health_history_moves WHERE band IS NOT from_band AND from_band IS NOT NULL AND ${customerFilter(sql`h.customer_id`, range)}
        ) GROUP BY day, band ORDER BY day`)
    : db.all<{ day: string; band: HealthBand; delta: number }>(sql`SELECT day, band, delta FROM health_band_days ORDER BY day`);
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
 * Band changes in the range (from → to, how many), by when they happened. Both this and the filtered bands over
 * time read the band moves alone (the partial index health_history_moves, migration 0031: `band IS NOT from_band`
 * is its WHERE word for word), not every score change.
 */
export function healthTransitions(db: Db, range: Range): { from: HealthBand; to: HealthBand; transitions: number }[] {
  return db.all<{ from: HealthBand; to: HealthBand; transitions: number }>(sql`
    SELECT from_band AS "from", band AS "to", count(*) AS transitions FROM health_history h INDEXED BY health_history_moves
    WHERE band IS NOT from_band AND at >= ${range.from} AND at < ${range.to} AND from_band IS NOT NULL AND ${customerFilter(sql`h.customer_id`, range)}
    GROUP BY from_band, band ORDER BY transitions DESC, from_band, band`);
}

export type HealthDimension = 'stage' | 'channel' | 'segment';

/** Average current score (and customers scored) per stage, channel or segment. */
export function healthAverageBy(db: Db, dimension: HealthDimension, filter: Filter): { key: string; customers: number; averageScore: number }[] {
  const where = customerFilter(sql`h.customer_id`, filter);
  const grouped = (() => {
    switch (dimension) {
      case 'stage':
        return sql`SELECT coalesce(c.lifecycle_stage, '(none)') AS key, count(*) AS customers, avg(h.score) AS average FROM customer_health h JOIN customers c ON c.id = h.customer_id WHERE ${where} GROUP BY 1`;
      case 'channel':
        return sql`SELECT coalesce(f.channel, '(none)') AS key, count(*) AS customers, avg(h.score) AS average FROM customer_health h LEFT JOIN customer_facts f ON f.customer_id = h.customer_id WHERE ${where} GROUP BY 1`;
      case 'segment':
        return sql`SELECT s.name AS key, count(*) AS customers, avg(h.score) AS average FROM customer_health h JOIN segment_memberships m ON m.customer_id = h.customer_id JOIN segments s ON s.id = m.segment_id WHERE ${where} GROUP BY s.id`;
      default: {
        const unknown: never = dimension;
        throw new Error(`unknown dimension ${String(unknown)}`);
      }
    }
  })();
  return db
    .all<{ key: string; customers: number; average: number }>(sql`${grouped} ORDER BY customers DESC, key`)
    .map((row) => ({ key: row.key, customers: row.customers, averageScore: Math.round(row.average * 10) / 10 }));
}

/** A customer's current score and their score history, newest first. */
export function customerHealthOf(db: Db, customerId: string, limit = 100) {
  const current = db.get<{ score: number; band: HealthBand; computedAt: string } | undefined>(
    sql`SELECT score, band, computed_at AS computedAt FROM customer_health WHERE customer_id = ${customerId}`,
  );
  const history = db.all<{ score: number; band: HealthBand; from: HealthBand | null; at: string }>(
    sql`SELECT score, band, from_band AS "from", at FROM health_history WHERE customer_id = ${customerId} ORDER BY at DESC, id DESC LIMIT ${limit}`,
  );
  return { current: current ?? null, history };
}
