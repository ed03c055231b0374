CREATE TABLE IF NOT EXISTS `customer_active_periods` (
	`customer_id` text NOT NULL,
	`interval` text NOT NULL,
	`period` text NOT NULL,
	PRIMARY KEY(`customer_id`, `interval`, `period`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customer_active_periods_period` ON `customer_active_periods` (`interval`,`period`,`customer_id`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `customer_first_events` (
	`customer_id` text NOT NULL,
	`event` text NOT NULL,
	`first_at` text NOT NULL,
	PRIMARY KEY(`customer_id`, `event`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customer_first_events_event` ON `customer_first_events` (`event`,`first_at`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `customer_inactivity_churns` (
	`customer_id` text NOT NULL,
	`last_day` text NOT NULL,
	`churn_day` text NOT NULL,
	PRIMARY KEY(`customer_id`, `last_day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customer_inactivity_churns_day` ON `customer_inactivity_churns` (`churn_day`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `cohort_members` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`first_seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `cohort_sizes` (
	`interval` text NOT NULL,
	`cohort` text NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY(`interval`, `cohort`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `cohort_activity` (
	`interval` text NOT NULL,
	`cohort` text NOT NULL,
	`period` text NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY(`interval`, `cohort`, `period`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `growth_counts` (
	`interval` text NOT NULL,
	`period` text NOT NULL,
	`kind` text NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY(`interval`, `period`, `kind`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Stage changes by time, for CRR and churn over a date range (stage_history is indexed by customer only).
CREATE INDEX IF NOT EXISTS `stage_history_at` ON `stage_history` (`at`);
--> statement-breakpoint
-- History stored before analytics: the activity periods of every stored event that counts as activity under the saved
-- settings (any non-internal event when no activity events are configured). Same rule as retentionRollup.ts.
INSERT OR IGNORE INTO `customer_active_periods` (`customer_id`, `interval`, `period`)
SELECT DISTINCT e.`customer_id`, i.`interval`,
       CASE i.`interval` WHEN 'day' THEN date(e.`timestamp`) WHEN 'week' THEN date(e.`timestamp`, '-6 days', 'weekday 1') ELSE date(e.`timestamp`, 'start of month') END
FROM `events` e, (SELECT 'day' AS `interval` UNION ALL SELECT 'week' UNION ALL SELECT 'month') i
WHERE e.`customer_id` IS NOT NULL AND e.`type` <> 'internal'
  AND (coalesce((SELECT json_array_length(s.`config`, '$.activityEvents') FROM `analytics_settings` s WHERE s.`id` = 'default'), 0) = 0
       OR e.`name` IN (SELECT j.`value` FROM `analytics_settings` s, json_each(s.`config`, '$.activityEvents') j WHERE s.`id` = 'default'));
--> statement-breakpoint
INSERT OR IGNORE INTO `customer_first_events` (`customer_id`, `event`, `first_at`)
SELECT `customer_id`, `name`, min(`timestamp`) FROM `events`
WHERE `customer_id` IS NOT NULL AND `type` = 'track' AND `name` IS NOT NULL GROUP BY `customer_id`, `name`;
--> statement-breakpoint
-- Inactivity churns under a saved churnInactivityDays (none by default): each active day not followed by another within it.
INSERT OR IGNORE INTO `customer_inactivity_churns` (`customer_id`, `last_day`, `churn_day`)
SELECT a.`customer_id`, a.`period`, date(a.`period`, '+' || d.`days` || ' days')
FROM (SELECT `customer_id`, `period`, lead(`period`) OVER (PARTITION BY `customer_id` ORDER BY `period`) AS `next_day` FROM `customer_active_periods` WHERE `interval` = 'day') a,
     (SELECT json_extract(`config`, '$.churnInactivityDays') AS `days` FROM `analytics_settings` WHERE `id` = 'default') d
WHERE d.`days` IS NOT NULL AND (a.`next_day` IS NULL OR a.`next_day` > date(a.`period`, '+' || d.`days` || ' days'));
--> statement-breakpoint
-- The first-seen cohort counters, from customer_facts and the activity periods above (same rule as retentionCohortRollup.ts).
INSERT OR IGNORE INTO `cohort_members` (`customer_id`, `first_seen_at`) SELECT `customer_id`, `first_seen_at` FROM `customer_facts`;
--> statement-breakpoint
INSERT OR IGNORE INTO `cohort_sizes` (`interval`, `cohort`, `customers`)
SELECT i.`interval`, CASE i.`interval` WHEN 'week' THEN date(m.`first_seen_at`, '-6 days', 'weekday 1') ELSE date(m.`first_seen_at`, 'start of month') END, count(*)
FROM `cohort_members` m, (SELECT 'week' AS `interval` UNION ALL SELECT 'month') i GROUP BY 1, 2;
--> statement-breakpoint
INSERT OR IGNORE INTO `cohort_activity` (`interval`, `cohort`, `period`, `customers`)
SELECT i.`interval`, CASE i.`interval` WHEN 'week' THEN date(m.`first_seen_at`, '-6 days', 'weekday 1') ELSE date(m.`first_seen_at`, 'start of month') END, p.`period`, count(*)
FROM `cohort_members` m, (SELECT 'week' AS `interval` UNION ALL SELECT 'month') i
JOIN `customer_active_periods` p ON p.`customer_id` = m.`customer_id` AND p.`interval` = i.`interval` GROUP BY 1, 2, 3;
--> statement-breakpoint
-- The growth lens of everyone, from the activity periods above (same SQL as GROWTH_FROM_ACTIVITY in retentionGrowthRollup.ts).
WITH w AS (
    SELECT interval, period, lag(period) OVER (PARTITION BY customer_id, interval ORDER BY period) AS prev,
           lead(period) OVER (PARTITION BY customer_id, interval ORDER BY period) AS nxt FROM customer_active_periods WHERE interval IN ('week', 'month'))
  INSERT INTO growth_counts (interval, period, kind, customers)
  SELECT interval, at, kind, count(*) FROM (
    SELECT interval, period AS at, CASE WHEN prev IS NULL THEN 'new' WHEN prev = CASE interval WHEN 'day' THEN date(period, '-1 day') WHEN 'week' THEN date(period, '-7 days') ELSE date(period, '-1 month') END THEN 'returning' ELSE 'resurrecting' END AS kind FROM w
    UNION ALL SELECT interval, CASE interval WHEN 'day' THEN date(period, '+1 day') WHEN 'week' THEN date(period, '+7 days') ELSE date(period, '+1 month') END, 'dormant' FROM w WHERE nxt IS NULL OR nxt <> CASE interval WHEN 'day' THEN date(period, '+1 day') WHEN 'week' THEN date(period, '+7 days') ELSE date(period, '+1 month') END)
  GROUP BY 1, 2, 3;
