-- The growth lens and the first-seen cohort matrix per filter scope, so a segment or a channel reads a few hundred
-- counters instead of joining every member's active periods (a 200k-member segment: seconds per request at 1M).
-- A scope is (segment_id, channel) as in 0029 ('' = any); the unfiltered scope ('', '') is not kept here: growth_counts,
-- cohort_sizes and cohort_activity hold it.
--
-- retention_marks holds what each customer adds to those counters (so a customer joining a segment or changing channel
-- can add or remove their whole contribution in one statement):
--   figure 'growth': a = period, b = kind (new / returning / resurrecting / dormant), as growth_counts counts them;
--   figure 'cohort': a = their first-seen cohort, b = '' (one per interval: the cohort size);
--   figure 'active': a = their first-seen cohort, b = an active period (the cohort matrix cell).
-- The ingest hooks (retentionScopeMarks.ts) add and remove marks with their scope counters; the triggers below move a
-- customer's marks between scopes when their memberships or first-touch channel change.
CREATE TABLE IF NOT EXISTS `retention_marks` (
	`customer_id` text NOT NULL,
	`figure` text NOT NULL,
	`interval` text NOT NULL,
	`a` text NOT NULL,
	`b` text NOT NULL,
	PRIMARY KEY (`customer_id`, `figure`, `interval`, `a`, `b`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `retention_scope_counts` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`figure` text NOT NULL,
	`interval` text NOT NULL,
	`a` text NOT NULL,
	`b` text NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY (`segment_id`, `channel`, `figure`, `interval`, `a`, `b`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Backfill the marks from the rows already stored (set-based; the same rules as GROWTH_FROM_ACTIVITY and rebuildCohorts).
INSERT OR IGNORE INTO `retention_marks` (`customer_id`, `figure`, `interval`, `a`, `b`)
SELECT `customer_id`, 'growth', `interval`, `at`, `kind` FROM (
	SELECT `customer_id`, `interval`, `period` AS `at`,
		CASE WHEN `prev` IS NULL THEN 'new' WHEN `prev` = CASE `interval` WHEN 'week' THEN date(`period`, '-7 days') ELSE date(`period`, '-1 month') END THEN 'returning' ELSE 'resurrecting' END AS `kind`
	FROM (SELECT `customer_id`, `interval`, `period`, lag(`period`) OVER (PARTITION BY `customer_id`, `interval` ORDER BY `period`) AS `prev`
		FROM `customer_active_periods` WHERE `interval` IN ('week', 'month'))
	UNION ALL
	SELECT `customer_id`, `interval`, CASE `interval` WHEN 'week' THEN date(`period`, '+7 days') ELSE date(`period`, '+1 month') END, 'dormant'
	FROM (SELECT `customer_id`, `interval`, `period`, lead(`period`) OVER (PARTITION BY `customer_id`, `interval` ORDER BY `period`) AS `nxt`
		FROM `customer_active_periods` WHERE `interval` IN ('week', 'month'))
	WHERE `nxt` IS NULL OR `nxt` <> CASE `interval` WHEN 'week' THEN date(`period`, '+7 days') ELSE date(`period`, '+1 month') END
);
--> statement-breakpoint
INSERT OR IGNORE INTO `retention_marks` (`customer_id`, `figure`, `interval`, `a`, `b`)
SELECT m.`customer_id`, 'cohort', i.`interval`, CASE i.`interval` WHEN 'week' THEN date(m.`first_seen_at`, '-6 days', 'weekday 1') ELSE date(m.`first_seen_at`, 'start of month') END, ''
FROM `cohort_members` m, (SELECT 'week' AS `interval` UNION ALL SELECT 'month') i;
--> statement-breakpoint
INSERT OR IGNORE INTO `retention_marks` (`customer_id`, `figure`, `interval`, `a`, `b`)
SELECT m.`customer_id`, 'active', p.`interval`, CASE p.`interval` WHEN 'week' THEN date(m.`first_seen_at`, '-6 days', 'weekday 1') ELSE date(m.`first_seen_at`, 'start of month') END, p.`period`
FROM `cohort_members` m JOIN `customer_active_periods` p ON p.`customer_id` = m.`customer_id` AND p.`interval` IN ('week', 'month');
--> statement-breakpoint
-- The scope counters from the marks: each customer's marks in ('', their channel), (segment, '') and (segment, channel).
INSERT OR IGNORE INTO `retention_scope_counts` (`segment_id`, `channel`, `figure`, `interval`, `a`, `b`, `customers`)
SELECT s.`segment_id`, s.`channel`, r.`figure`, r.`interval`, r.`a`, r.`b`, count(*)
FROM `retention_marks` r JOIN (
	SELECT `customer_id`, '' AS `segment_id`, `channel` FROM `customer_facts` WHERE `channel` IS NOT NULL
	UNION ALL SELECT `customer_id`, `segment_id`, '' FROM `segment_memberships`
	UNION ALL SELECT m.`customer_id`, m.`segment_id`, f.`channel` FROM `segment_memberships` m JOIN `customer_facts` f ON f.`customer_id` = m.`customer_id` WHERE f.`channel` IS NOT NULL
) s ON s.`customer_id` = r.`customer_id`
GROUP BY s.`segment_id`, s.`channel`, r.`figure`, r.`interval`, r.`a`, r.`b`;
--> statement-breakpoint
-- A membership added or removed: the customer's marks in (segment, '') and (segment, their channel).
CREATE TRIGGER IF NOT EXISTS `retention_scopes_member_added` AFTER INSERT ON `segment_memberships` BEGIN
	INSERT INTO `retention_scope_counts` (`segment_id`, `channel`, `figure`, `interval`, `a`, `b`, `customers`)
		SELECT NEW.`segment_id`, c.`channel`, r.`figure`, r.`interval`, r.`a`, r.`b`, 1 FROM `retention_marks` r,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c
		WHERE r.`customer_id` = NEW.`customer_id`
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `retention_scopes_member_removed` AFTER DELETE ON `segment_memberships` BEGIN
	INSERT INTO `retention_scope_counts` (`segment_id`, `channel`, `figure`, `interval`, `a`, `b`, `customers`)
		SELECT OLD.`segment_id`, c.`channel`, r.`figure`, r.`interval`, r.`a`, r.`b`, -1 FROM `retention_marks` r,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id` AND `channel` IS NOT NULL) c
		WHERE r.`customer_id` = OLD.`customer_id`
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- A first-touch channel set, moved or forgotten: the customer's marks leave ('' and each segment, old channel) and
-- enter ('' and each segment, new channel). The WHEN keeps the usual facts write (first-seen only) at no cost.
CREATE TRIGGER IF NOT EXISTS `retention_scopes_facts_added` AFTER INSERT ON `customer_facts` WHEN NEW.`channel` IS NOT NULL BEGIN
	INSERT INTO `retention_scope_counts` (`segment_id`, `channel`, `figure`, `interval`, `a`, `b`, `customers`)
		SELECT s.`segment_id`, NEW.`channel`, r.`figure`, r.`interval`, r.`a`, r.`b`, 1 FROM `retention_marks` r,
			(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s
		WHERE r.`customer_id` = NEW.`customer_id`
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `retention_scopes_facts_changed` AFTER UPDATE OF `channel` ON `customer_facts` WHEN OLD.`channel` IS NOT NEW.`channel` BEGIN
	INSERT INTO `retention_scope_counts` (`segment_id`, `channel`, `figure`, `interval`, `a`, `b`, `customers`)
		SELECT s.`segment_id`, c.`channel`, r.`figure`, r.`interval`, r.`a`, r.`b`, c.`delta` FROM `retention_marks` r,
			(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
			(SELECT OLD.`channel` AS `channel`, -1 AS `delta` WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT NEW.`channel`, 1 WHERE NEW.`channel` IS NOT NULL) c
		WHERE r.`customer_id` = NEW.`customer_id`
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `retention_scopes_facts_removed` AFTER DELETE ON `customer_facts` WHEN OLD.`channel` IS NOT NULL BEGIN
	INSERT INTO `retention_scope_counts` (`segment_id`, `channel`, `figure`, `interval`, `a`, `b`, `customers`)
		SELECT s.`segment_id`, OLD.`channel`, r.`figure`, r.`interval`, r.`a`, r.`b`, -1 FROM `retention_marks` r,
			(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) s
		WHERE r.`customer_id` = OLD.`customer_id`
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
