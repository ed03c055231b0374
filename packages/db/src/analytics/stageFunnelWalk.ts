import { sql, type SQL } from 'drizzle-orm';
import { indexedBy } from '../queries/indexedBy';
import type { Db } from '../client';

/**
 * The walks of the stage funnel (migration 0036 runs the same statement for its backfill): for every entry of the
 * chosen customers into a configured stage — each stage change into it, and for the first stage being first seen,
 * equal instants counted once — the steps reached in order along each track, one row per (customer, start, track,
 * entry day, previous entry day, step, gap bucket). A step is the first change into the step's stage after the step
 * before (ordered by time, then id), as `stageFunnelPaths` followed them; the entry itself stands before every change
 * at its instant. Gap buckets: -2 the same instant (a stage set by the
 * event that first saw the customer), 0 under a minute, b ≥ 1 [1 min · 1.05^(b−1), 1 min · 1.05^b).
 *
 * The next-step lookup is pinned to the customer's index (customer_id, at): without statistics (no ANALYZE — every
 * fresh install and upgraded file) SQLite rates `to_stage = ?` on stage_history_to_stage (to_stage, at) as good as
 * `customer_id = ?` and walks every change into the stage since `at`, of all customers — quadratic in the history.
 * Seeking (customer_id, at ≥ w.at) reads the customer's few later rows in (at, id) order and stops at the first match.
 * The entry's id (-1) is cast to the ids' bigint: Postgres types a recursive CTE's columns by its first term.
 */
export function funnelWalks(db: Pick<Db, 'dialect'>, config: { stages: string[]; churnStages: string[] }, customers: 'all' | 'dirty'): SQL {
  const stages = JSON.stringify(config.stages);
  const churn = JSON.stringify(config.churnStages);
  const only = (column: SQL): SQL => (customers === 'all' ? sql`1 = 1` : sql`${column} IN (SELECT d.customer_id FROM stage_funnel_dirty d)`);
  // The marked customers' entries by customer too (a few rows each), never every change into the configured stages.
  const byCustomer = customers === 'all' ? sql`` : sql.raw(indexedBy(db, 'stage_history_path'));
  return sql`WITH RECURSIVE cfg AS (
	SELECT CAST(s.key AS INTEGER) AS i, s.value AS stage, s.value IN (SELECT c.value FROM json_each(${churn}) c) AS churn FROM json_each(${stages}) s
),
steps AS (
	SELECT a.stage AS start, '' AS track, s.stage AS stage, row_number() OVER (PARTITION BY a.stage ORDER BY s.i) AS k
	FROM cfg a JOIN cfg s ON s.i > a.i AND NOT s.churn
	UNION ALL
	SELECT a.stage, x.stage, s.stage, row_number() OVER (PARTITION BY a.stage, x.stage ORDER BY s.i)
	FROM cfg a JOIN cfg x ON x.i > a.i AND x.churn JOIN cfg s ON s.i > a.i AND s.i <= x.i AND (NOT s.churn OR s.i = x.i)
),
tracks AS (SELECT stage AS start, '' AS track FROM cfg UNION SELECT a.stage, x.stage FROM cfg a JOIN cfg x ON x.i > a.i AND x.churn),
entries AS (
	SELECT h.customer_id, h.to_stage AS start, h.at FROM stage_history h ${byCustomer} WHERE h.to_stage IN (SELECT stage FROM cfg) AND ${only(sql`h.customer_id`)}
	UNION
	SELECT f.customer_id, (SELECT stage FROM cfg WHERE i = 0), f.first_seen_at FROM customer_facts f WHERE f.first_seen_at IS NOT NULL AND ${only(sql`f.customer_id`)}
),
ranked AS (SELECT customer_id, start, at, lag(at) OVER (PARTITION BY customer_id, start ORDER BY at) AS prev FROM entries),
walk (customer_id, start, track, day, prev_day, k, at, id, bucket) AS (
	SELECT r.customer_id, r.start, t.track, substr(r.at, 1, 10), coalesce(substr(r.prev, 1, 10), ''), 0, r.at, CAST(-1 AS BIGINT), -1
	FROM ranked r JOIN tracks t ON t.start = r.start
	UNION ALL
	SELECT w.customer_id, w.start, w.track, w.day, w.prev_day, w.k + 1, n.at, n.id,
		CASE WHEN n.at = w.at THEN -2 WHEN (julianday(n.at) - julianday(w.at)) * 86400000.0 < 60000 THEN 0
		ELSE 1 + CAST(trunc(ln((julianday(n.at) - julianday(w.at)) * 86400000.0 / 60000.0) / ln(1.05)) AS INTEGER) END
	FROM walk w JOIN steps s ON s.start = w.start AND s.track = w.track AND s.k = w.k + 1
	JOIN stage_history n ON n.id = (
		SELECT h.id FROM stage_history h ${sql.raw(indexedBy(db, 'stage_history_customer'))} WHERE h.customer_id = w.customer_id AND h.at >= w.at
		AND h.to_stage = s.stage AND (h.at > w.at OR h.id > w.id) ORDER BY h.at, h.id LIMIT 1)
)
SELECT customer_id, start, track, day, prev_day, k, bucket, count(*) FROM walk GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}
