// The SQL that derives a customer's retention flows, shared by migration 0039 (backfill and triggers, generated from
// these functions as they were then and stored in the migration file) and by the set-based rebuild when the customer
// or churn stages change. A flow row is one customer in one period (day, Monday week or month, by its start date):
//   flow         = m(end) − m(start), where m(t) = 1 when the to_stage of the customer's latest stage change before t
//                  is a customer stage (ties broken by id, as the stage views do);
//   stage_churn  = m(start) = 1 and a move into a churn stage from outside the churn stages happened in the period;
//   inactive_day = when m(start) = 1, the first inactivity churn day in the period ('' for none).
// Only rows with something to count are stored. Each figure of a period is then a sum over the scope rows.
// m and stage_churn are 0/1 numbers written as CASEs, not bare comparisons: SQLite's comparisons are 0/1 already, but
// Postgres's are booleans, which its arithmetic (mb − ma) and its 0 defaults refuse. The rows are the same.

/** The three grains, as a subquery with one `interval` column. */
export const INTERVALS = `(SELECT 'day' AS interval UNION ALL SELECT 'week' UNION ALL SELECT 'month')`;

/**
 * The start date of the period of `interval` holding the date or instant `day` (same rule as periodStart). A day is
 * strftime('%Y-%m-%d', …), SQLite's date(…): one-argument date() is Postgres's cast to its date type, not text.
 */
export const periodOf = (day: string, interval: string) =>
  `CASE ${interval} WHEN 'day' THEN strftime('%Y-%m-%d', ${day}) WHEN 'week' THEN date(${day}, '-6 days', 'weekday 1') ELSE date(${day}, 'start of month') END`;

const nextOf = (period: string, interval: string) =>
  `CASE ${interval} WHEN 'day' THEN date(${period}, '+1 day') WHEN 'week' THEN date(${period}, '+7 days') ELSE date(${period}, '+1 month') END`;

const CUSTOMER_STAGES = `(SELECT r.stage FROM retention_stage_roles r WHERE r.customer = 1)`;
const CHURN_STAGES = `(SELECT r.stage FROM retention_stage_roles r WHERE r.churn = 1)`;

/** m(bound): whether the customer was in a customer stage at the start of the date `bound`. */
const memberAt = (customer: string, bound: string) =>
  `coalesce((SELECT CASE WHEN h.to_stage IN ${CUSTOMER_STAGES} THEN 1 ELSE 0 END FROM stage_history h WHERE h.customer_id = ${customer} AND h.at < ${bound} || 'T00:00:00.000Z' ORDER BY h.at DESC, h.id DESC LIMIT 1), 0)`;

/**
 * Inserts the flow rows of the candidate (customer_id, interval, period) rows `candidates` (a subquery; duplicates
 * allowed), computed from stage_history, the stage roles and the inactivity churns.
 */
export function insertFlows(candidates: string): string {
  return `INSERT INTO retention_customer_periods (customer_id, interval, period, flow, stage_churn, inactive_day)
	SELECT customer_id, interval, period, mb - ma, stage_churn, inactive_day FROM (
		SELECT k.customer_id, k.interval, k.period, k.ma, k.mb,
			CASE WHEN k.ma = 1 AND EXISTS (SELECT 1 FROM stage_history h WHERE h.customer_id = k.customer_id AND h.at >= k.period || 'T00:00:00.000Z' AND h.at < k.next || 'T00:00:00.000Z'
				AND h.to_stage IN ${CHURN_STAGES} AND (h.from_stage IS NULL OR h.from_stage NOT IN ${CHURN_STAGES})) THEN 1 ELSE 0 END AS stage_churn,
			CASE WHEN k.ma = 1 THEN coalesce((SELECT min(x.churn_day) FROM customer_inactivity_churns x WHERE x.customer_id = k.customer_id AND x.churn_day >= k.period AND x.churn_day < k.next), '') ELSE '' END AS inactive_day
		FROM (SELECT c.customer_id, c.interval, c.period, c.next, ${memberAt('c.customer_id', 'c.period')} AS ma, ${memberAt('c.customer_id', 'c.next')} AS mb
			FROM (SELECT DISTINCT customer_id, interval, period, ${nextOf('period', 'interval')} AS next FROM (${candidates}) AS candidates) c) k) AS sub1
	WHERE mb <> ma OR stage_churn = 1 OR inactive_day <> ''`;
}

/** Replaces one customer's flow rows of the candidate periods (a subquery of that customer's (interval, period) rows). */
export function refreshFlows(customer: string, periods: string): string {
  return `DELETE FROM retention_customer_periods WHERE customer_id = ${customer} AND (interval, period) IN (SELECT interval, period FROM (${periods}));
	${insertFlows(`SELECT ${customer} AS customer_id, interval, period FROM (${periods})`)};`;
}

/**
 * The periods a stage change of `row` (NEW or OLD) can alter: m flips between its time and the customer's next change,
 * so the periods holding either, and those holding an inactivity churn after it (whose m(start) may have flipped).
 */
export function periodsAroundChange(row: string): string {
  return `SELECT i.interval, ${periodOf('d.day', 'i.interval')} AS period FROM ${INTERVALS} i, (
		SELECT date(${row}.at) AS day
		UNION SELECT date(min(h.at)) FROM stage_history h WHERE h.customer_id = ${row}.customer_id AND h.at > ${row}.at
		UNION SELECT x.churn_day FROM customer_inactivity_churns x WHERE x.customer_id = ${row}.customer_id AND x.churn_day >= date(${row}.at)) d
	WHERE d.day IS NOT NULL`;
}

/** The periods holding an inactivity churn day (`row` is NEW or OLD of customer_inactivity_churns). */
export function periodsOfChurnDay(row: string): string {
  return `SELECT i.interval, ${periodOf(`${row}.churn_day`, 'i.interval')} AS period FROM ${INTERVALS} i`;
}

/** Every customer's flow rows from scratch (migration backfill and rebuild; the scope rows follow from them). */
export const BACKFILL_FLOWS = insertFlows(
  `SELECT s.customer_id, i.interval, ${periodOf('s.day', 'i.interval')} AS period FROM ${INTERVALS} i,
		(SELECT DISTINCT customer_id, strftime('%Y-%m-%d', at) AS day FROM stage_history UNION SELECT customer_id, churn_day FROM customer_inactivity_churns) s`,
);

/** The scope rows summed from the flow rows: everyone, and each customer's (segment, channel) keys (view of 0028). */
export const BACKFILL_SCOPES = `INSERT INTO retention_scope_periods (segment_id, channel, interval, period, inactive_day, joined, departed, stage_churned, customers)
	SELECT s.segment_id, s.channel, p.interval, p.period, p.inactive_day, sum(p.flow = 1), sum(p.flow = -1), sum(p.stage_churn), count(*)
	FROM retention_customer_periods p JOIN (SELECT customer_id, segment_id, channel FROM stage_customer_keys) s ON s.customer_id = p.customer_id
	GROUP BY 1, 2, 3, 4, 5
	UNION ALL SELECT '', '', interval, period, inactive_day, sum(flow = 1), sum(flow = -1), sum(stage_churn), count(*) FROM retention_customer_periods GROUP BY 3, 4, 5`;

/** The stage roles from the stored analytics settings (the defaults when none are saved). */
export const FILL_ROLES = [
  `INSERT INTO retention_stage_roles (stage, customer, churn)
	SELECT value, 1, 0 FROM json_each(coalesce((SELECT json_extract(config, '$.customerStages') FROM analytics_settings WHERE id = 'default'), '["retention","advocacy","at_risk"]')) WHERE true
	ON CONFLICT (stage) DO UPDATE SET customer = 1`,
  `INSERT INTO retention_stage_roles (stage, customer, churn)
	SELECT value, 0, 1 FROM json_each(coalesce((SELECT json_extract(config, '$.churnStages') FROM analytics_settings WHERE id = 'default'), '["churned"]')) WHERE true
	ON CONFLICT (stage) DO UPDATE SET churn = 1`,
];
