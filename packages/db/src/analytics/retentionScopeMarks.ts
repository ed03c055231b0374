import type { Db } from '../client';
import { preparedPerDb } from '../preparedPerDb';
import type { RawStatement } from '../access/rawStatement';

// A customer's marks (migration 0046) and their filter-scope counters, kept together by the ingest hooks: adding a
// mark counts it in every scope the customer is in now ('' and each of their segments × '' and their first-touch
// channel, except the unfiltered ('', '') which the older counters hold); the migration's triggers move the marks
// when the scopes change.
export type RetentionFigure = 'growth' | 'cohort' | 'active';

const SCOPES = `(SELECT '' AS segment_id UNION ALL SELECT segment_id FROM segment_memberships WHERE customer_id = @customerId) s,
  (SELECT '' AS channel UNION ALL SELECT channel FROM customer_facts WHERE customer_id = @customerId AND channel IS NOT NULL) c`;

function prepareAll(db: Db) {
  const sql = (text: string) => db.prepare(text);
  return {
    insert: sql('INSERT INTO retention_marks (customer_id, figure, interval, a, b) VALUES (@customerId, @figure, @interval, @a, @b) ON CONFLICT DO NOTHING'),
    remove: sql('DELETE FROM retention_marks WHERE customer_id = @customerId AND figure = @figure AND interval = @interval AND a = @a AND b = @b'),
    count: sql(
      `INSERT INTO retention_scope_counts (segment_id, channel, figure, interval, a, b, customers)
       SELECT s.segment_id, c.channel, @figure, @interval, @a, @b, @delta FROM ${SCOPES} WHERE s.segment_id <> '' OR c.channel <> ''
       ON CONFLICT (segment_id, channel, figure, interval, a, b) DO UPDATE SET customers = retention_scope_counts.customers + excluded.customers`,
    ),
  } satisfies Record<string, RawStatement>;
}

const statements = preparedPerDb(prepareAll);

/** Adds (delta 1) or removes (delta -1) one mark of the customer, counted in their scopes when it changed. */
export async function markRetention(db: Db, customerId: string, figure: RetentionFigure, interval: string, a: string, b: string, delta: 1 | -1): Promise<void> {
  const prepared = statements(db);
  const mark = { customerId, figure, interval, a, b };
  if ((await (delta === 1 ? prepared.insert : prepared.remove).run(mark)).changes > 0) await prepared.count.run({ ...mark, delta });
}

/** The marks and their scope counters from the active periods and cohort members (migration 0046's backfill, same SQL). */
const REBUILD = [
  `INSERT INTO retention_marks (customer_id, figure, interval, a, b)
   SELECT customer_id, 'growth', interval, at, kind FROM (
     SELECT customer_id, interval, period AS at,
       CASE WHEN prev IS NULL THEN 'new' WHEN prev = CASE interval WHEN 'week' THEN date(period, '-7 days') ELSE date(period, '-1 month') END THEN 'returning' ELSE 'resurrecting' END AS kind
     FROM (SELECT customer_id, interval, period, lag(period) OVER (PARTITION BY customer_id, interval ORDER BY period) AS prev
       FROM customer_active_periods WHERE interval IN ('week', 'month')) AS back
     UNION ALL
     SELECT customer_id, interval, CASE interval WHEN 'week' THEN date(period, '+7 days') ELSE date(period, '+1 month') END, 'dormant'
     FROM (SELECT customer_id, interval, period, lead(period) OVER (PARTITION BY customer_id, interval ORDER BY period) AS nxt
       FROM customer_active_periods WHERE interval IN ('week', 'month')) AS ahead
     WHERE nxt IS NULL OR nxt <> CASE interval WHEN 'week' THEN date(period, '+7 days') ELSE date(period, '+1 month') END
   ) AS marks WHERE true ON CONFLICT DO NOTHING`,
  `INSERT INTO retention_marks (customer_id, figure, interval, a, b)
   SELECT m.customer_id, 'cohort', i.interval, CASE i.interval WHEN 'week' THEN date(m.first_seen_at, '-6 days', 'weekday 1') ELSE date(m.first_seen_at, 'start of month') END, ''
   FROM cohort_members m, (SELECT 'week' AS interval UNION ALL SELECT 'month') i WHERE true ON CONFLICT DO NOTHING`,
  `INSERT INTO retention_marks (customer_id, figure, interval, a, b)
   SELECT m.customer_id, 'active', p.interval, CASE p.interval WHEN 'week' THEN date(m.first_seen_at, '-6 days', 'weekday 1') ELSE date(m.first_seen_at, 'start of month') END, p.period
   FROM cohort_members m JOIN customer_active_periods p ON p.customer_id = m.customer_id AND p.interval IN ('week', 'month') WHERE true ON CONFLICT DO NOTHING`,
  `INSERT INTO retention_scope_counts (segment_id, channel, figure, interval, a, b, customers)
   SELECT s.segment_id, s.channel, r.figure, r.interval, r.a, r.b, count(*)
   FROM retention_marks r JOIN (
     SELECT customer_id, '' AS segment_id, channel FROM customer_facts WHERE channel IS NOT NULL
     UNION ALL SELECT customer_id, segment_id, '' FROM segment_memberships
     UNION ALL SELECT m.customer_id, m.segment_id, f.channel FROM segment_memberships m JOIN customer_facts f ON f.customer_id = m.customer_id WHERE f.channel IS NOT NULL
   ) s ON s.customer_id = r.customer_id
   WHERE true GROUP BY s.segment_id, s.channel, r.figure, r.interval, r.a, r.b ON CONFLICT DO NOTHING`,
];

/** Recounts the marks and scope counters (after a rebuild of the activity and of the cohort members). */
export async function rebuildRetentionMarks(db: Db): Promise<void> {
  await db.prepare('DELETE FROM retention_marks').run();
  await db.prepare('DELETE FROM retention_scope_counts').run();
  for (const statement of REBUILD) await db.prepare(statement).run();
}
