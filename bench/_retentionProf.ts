import { openDatabase } from '../packages/db/src/index';
const db = openDatabase('/tmp/retbench/small.db');
const c = db.$client;
function time(name: string, text: string, ...args: unknown[]) {
  const t = performance.now();
  const rows = c.prepare(text).all(...args);
  console.log(name.padEnd(20), (performance.now() - t).toFixed(0), 'ms', rows.length);
  for (const row of c.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...args) as { detail: string }[]) console.log('   ', row.detail);
}
const first = '2026-01-01T00:00:00.000Z', last = '2026-12-01T00:00:00.000Z';
time('baseline', `SELECT count(*) AS n FROM (SELECT h.to_stage, max(h.at) FROM stage_history h WHERE h.at < ? AND 1=1 GROUP BY h.customer_id) s WHERE s.to_stage IN ('retention')`, first);
time('moves', `SELECT h.customer_id AS customerId, h.from_stage AS fromStage, h.to_stage AS toStage, h.at,
          (SELECT b.to_stage FROM stage_history b WHERE b.customer_id = h.customer_id AND b.at < ? ORDER BY b.at DESC, b.id DESC LIMIT 1) AS before
        FROM stage_history h WHERE h.at >= ? AND h.at < ? AND 1=1 ORDER BY h.customer_id, h.at, h.id`, first, first, last);
time('inactive', `SELECT p.customer_id AS customerId, p.period AS day FROM customer_active_periods p
        WHERE p.interval = 'day' AND p.period >= ? AND p.period < ? AND 1=1
          AND NOT EXISTS (SELECT 1 FROM customer_active_periods q WHERE q.customer_id = p.customer_id AND q.interval = 'day'
                          AND q.period > p.period AND q.period <= date(p.period, '+30 days'))`, '2025-12-01', '2026-11-01');
time('cohort', `SELECT c.cohort, p.period, count(*) AS active FROM (SELECT cf.customer_id, date(cf.first_seen_at, 'start of month') AS cohort FROM customer_facts cf WHERE cf.first_seen_at >= ? AND cf.first_seen_at < ?) c
        JOIN customer_active_periods p ON p.customer_id = c.customer_id AND p.interval = 'month' AND p.period >= c.cohort AND p.period < '2026-12-01'
        GROUP BY c.cohort, p.period`, first, last);
