import type { Db } from '../client';

const COUNTED = `(SELECT 'week' AS interval UNION ALL SELECT 'month') i`;
const COHORT_OF = (column: string) => `CASE i.interval WHEN 'week' THEN date(${column}, '-6 days', 'weekday 1') ELSE date(${column}, 'start of month') END`;
const STEP = (sign: '-' | '+') => `CASE interval WHEN 'week' THEN date(period, '${sign}7 days') ELSE date(period, '${sign}1 month') END`;

// Each statement uncounts what one customer's rows add to a shared counter, by the same rule the counters were built
// with (retentionCohortRollup.ts, retentionEventCohortRollup.ts, retentionGrowthRollup.ts), restricted to them.
// Rows dated outside the years 0–9999 (stored before ingest refused a skew correction that far) have no period in
// SQL (date() is NULL): they are skipped, leaving their counts in cohorts no range ever reads.
const UNCOUNT = [
  `INSERT INTO cohort_sizes (interval, cohort, customers)
   SELECT i.interval, ${COHORT_OF('m.first_seen_at')}, -1 FROM cohort_members m CROSS JOIN ${COUNTED} WHERE m.customer_id = @id AND ${COHORT_OF('m.first_seen_at')} IS NOT NULL
   ON CONFLICT (interval, cohort) DO UPDATE SET customers = cohort_sizes.customers + excluded.customers`,
  `INSERT INTO cohort_activity (interval, cohort, period, customers)
   SELECT i.interval, ${COHORT_OF('m.first_seen_at')}, p.period, -1 FROM cohort_members m CROSS JOIN ${COUNTED}
   JOIN customer_active_periods p ON p.customer_id = m.customer_id AND p.interval = i.interval WHERE m.customer_id = @id AND ${COHORT_OF('m.first_seen_at')} IS NOT NULL
   ON CONFLICT (interval, cohort, period) DO UPDATE SET customers = cohort_activity.customers + excluded.customers`,
  `INSERT INTO event_cohort_sizes (event, interval, cohort, customers)
   SELECT f.event, i.interval, ${COHORT_OF('f.first_at')}, -1 FROM customer_first_events f CROSS JOIN ${COUNTED} WHERE f.customer_id = @id AND ${COHORT_OF('f.first_at')} IS NOT NULL
   ON CONFLICT (event, interval, cohort) DO UPDATE SET customers = event_cohort_sizes.customers + excluded.customers`,
  `INSERT INTO event_cohort_activity (event, interval, cohort, period, customers)
   SELECT f.event, i.interval, ${COHORT_OF('f.first_at')}, p.period, -1 FROM customer_first_events f CROSS JOIN ${COUNTED}
   JOIN customer_active_periods p ON p.customer_id = f.customer_id AND p.interval = i.interval AND p.period >= ${COHORT_OF('f.first_at')} WHERE f.customer_id = @id AND ${COHORT_OF('f.first_at')} IS NOT NULL
   ON CONFLICT (event, interval, cohort, period) DO UPDATE SET customers = event_cohort_activity.customers + excluded.customers`,
  `WITH w AS (
     SELECT interval, period, lag(period) OVER (PARTITION BY interval ORDER BY period) AS prev, lead(period) OVER (PARTITION BY interval ORDER BY period) AS nxt
     FROM customer_active_periods WHERE customer_id = @id AND interval IN ('week', 'month'))
   INSERT INTO growth_counts (interval, period, kind, customers)
   SELECT interval, at, kind, -count(*) FROM (
     SELECT interval, period AS at, CASE WHEN prev IS NULL THEN 'new' WHEN prev = ${STEP('-')} THEN 'returning' ELSE 'resurrecting' END AS kind FROM w
     UNION ALL SELECT interval, ${STEP('+')}, 'dormant' FROM w WHERE nxt IS NULL OR nxt <> ${STEP('+')}) AS sub1
   WHERE at IS NOT NULL GROUP BY 1, 2, 3
   ON CONFLICT (interval, period, kind) DO UPDATE SET customers = growth_counts.customers + excluded.customers`,
];

const PER_CUSTOMER = ['customer_active_periods', 'cohort_members', 'customer_first_events', 'customer_inactivity_churns'];

/**
 * Retention marks (0046) count only in the customer's segment and channel scopes, already left when their keys were
 * detached (the caller's first step), so deleting them uncounts nothing more. Guarded because the upgrade tests of
 * earlier migrations (0037, 0039, 0043) write their history with today's code on a file not yet past 0046.
 */
const hasMarks = new WeakMap<Db, boolean>();
async function forgetMarks(db: Db, customerId: string): Promise<void> {
  let present = hasMarks.get(db);
  // The catalogue differs by backend: SQLite lists its tables in sqlite_master, Postgres answers to_regclass.
  const probe =
    db.dialect === 'postgres'
      ? `SELECT 1 WHERE to_regclass('retention_marks') IS NOT NULL`
      : `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'retention_marks'`;
  if (present === undefined) hasMarks.set(db, (present = (await db.prepare(probe).get()) !== undefined));
  if (present) await db.prepare('DELETE FROM retention_marks WHERE customer_id = ?').run(customerId);
}

/**
 * Takes a customer out of the retention figures: their activity periods, first-seen and first-event cohorts and
 * growth-lens classifications are uncounted from the shared counters, then their rows deleted (inactivity churns
 * through their table, whose triggers keep the retention flows).
 */
export async function forgetCustomerRetention(db: Db, customerId: string): Promise<void> {
  for (const text of UNCOUNT) await db.prepare(text).run({ id: customerId });
  for (const table of PER_CUSTOMER) await db.prepare(`DELETE FROM ${table} WHERE customer_id = ?`).run(customerId);
  await forgetMarks(db, customerId);
}
