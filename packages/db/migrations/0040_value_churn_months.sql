-- Predicted CLV's monthly churn without reading stage history per page view. A customer-month with at least one stage
-- move gets one row: the stage the customer was in when the month began ('' for none) and the stages they moved into
-- during it (distinct, joined by char(31)). "In a customer stage at the start and moved into a churn stage during the
-- month" is then a condition on those two columns, so the rows do not depend on which stages the settings name.
CREATE TABLE IF NOT EXISTS `customer_stage_months` (
	`customer_id` text NOT NULL,
	`month` text NOT NULL,
	`start_stage` text NOT NULL,
	`entered` text NOT NULL,
	PRIMARY KEY (`customer_id`, `month`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The same rows counted per filter scope (segment_id, channel; '' = any, as in migration 0029) and month.
CREATE TABLE IF NOT EXISTS `value_churn_scopes` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`month` text NOT NULL,
	`start_stage` text NOT NULL,
	`entered` text NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY (`segment_id`, `channel`, `month`, `start_stage`, `entered`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The customers list sorted by CLV (highest first, ties by id) walks this index instead of sorting every customer.
CREATE INDEX IF NOT EXISTS `customer_value_clv_order` ON `customer_value` (`revenue` DESC, `customer_id`);
--> statement-breakpoint
-- Backfill: each customer-month's entered stages, and the last stage of the customer's previous month with a move.
INSERT OR REPLACE INTO `customer_stage_months` (`customer_id`, `month`, `start_stage`, `entered`)
SELECT e.`customer_id`, e.`month`, coalesce(lag(l.`last_stage`) OVER (PARTITION BY e.`customer_id` ORDER BY e.`month`), ''), e.`entered`
FROM (SELECT `customer_id`, `month`, group_concat(`to_stage`, char(31)) AS `entered`
	FROM (SELECT DISTINCT `customer_id`, substr(`at`, 1, 7) AS `month`, `to_stage` FROM `stage_history` ORDER BY 1, 2, 3) GROUP BY `customer_id`, `month`) e
JOIN (SELECT `customer_id`, `month`, `to_stage` AS `last_stage` FROM (
	SELECT `customer_id`, substr(`at`, 1, 7) AS `month`, `to_stage`, row_number() OVER (PARTITION BY `customer_id`, substr(`at`, 1, 7) ORDER BY `at` DESC, `id` DESC) AS `rn` FROM `stage_history`) WHERE `rn` = 1) l
	ON l.`customer_id` = e.`customer_id` AND l.`month` = e.`month`;
--> statement-breakpoint
INSERT OR REPLACE INTO `value_churn_scopes` (`segment_id`, `channel`, `month`, `start_stage`, `entered`, `customers`)
SELECT s.`segment_id`, s.`channel`, r.`month`, r.`start_stage`, r.`entered`, count(*)
FROM `customer_stage_months` r JOIN (
	SELECT DISTINCT `customer_id`, '' AS `segment_id`, '' AS `channel` FROM `customer_stage_months`
	UNION ALL SELECT `customer_id`, '', `channel` FROM `customer_facts` WHERE `channel` IS NOT NULL
	UNION ALL SELECT `customer_id`, `segment_id`, '' FROM `segment_memberships`
	UNION ALL SELECT m.`customer_id`, m.`segment_id`, f.`channel` FROM `segment_memberships` m JOIN `customer_facts` f ON f.`customer_id` = m.`customer_id` WHERE f.`channel` IS NOT NULL
) s ON s.`customer_id` = r.`customer_id`
GROUP BY s.`segment_id`, s.`channel`, r.`month`, r.`start_stage`, r.`entered`;
--> statement-breakpoint
-- A stage move added, removed or moved (a merge): the customer's months from the move's on are rebuilt from their
-- history (usually just the current month; a backfilled move in the past also changes later months' start stage).
CREATE TRIGGER IF NOT EXISTS `value_stage_months_history_insert` AFTER INSERT ON `stage_history` BEGIN
	DELETE FROM `customer_stage_months` WHERE `customer_id` = NEW.`customer_id` AND `month` >= substr(NEW.`at`, 1, 7);
	INSERT INTO `customer_stage_months` (`customer_id`, `month`, `start_stage`, `entered`)
	SELECT NEW.`customer_id`, e.`month`,
		coalesce((SELECT p.`to_stage` FROM `stage_history` p WHERE p.`customer_id` = NEW.`customer_id` AND p.`at` < e.`month` || '-01T00:00:00.000Z' ORDER BY p.`at` DESC, p.`id` DESC LIMIT 1), ''), e.`entered`
	FROM (SELECT `month`, group_concat(`to_stage`, char(31)) AS `entered` FROM (
		SELECT DISTINCT substr(`at`, 1, 7) AS `month`, `to_stage` FROM `stage_history` WHERE `customer_id` = NEW.`customer_id` AND `at` >= substr(NEW.`at`, 1, 7) || '-01' ORDER BY 1, 2) GROUP BY `month`) e;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_stage_months_history_delete` AFTER DELETE ON `stage_history` BEGIN
	DELETE FROM `customer_stage_months` WHERE `customer_id` = OLD.`customer_id` AND `month` >= substr(OLD.`at`, 1, 7);
	INSERT INTO `customer_stage_months` (`customer_id`, `month`, `start_stage`, `entered`)
	SELECT OLD.`customer_id`, e.`month`,
		coalesce((SELECT p.`to_stage` FROM `stage_history` p WHERE p.`customer_id` = OLD.`customer_id` AND p.`at` < e.`month` || '-01T00:00:00.000Z' ORDER BY p.`at` DESC, p.`id` DESC LIMIT 1), ''), e.`entered`
	FROM (SELECT `month`, group_concat(`to_stage`, char(31)) AS `entered` FROM (
		SELECT DISTINCT substr(`at`, 1, 7) AS `month`, `to_stage` FROM `stage_history` WHERE `customer_id` = OLD.`customer_id` AND `at` >= substr(OLD.`at`, 1, 7) || '-01' ORDER BY 1, 2) GROUP BY `month`) e;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_stage_months_history_update` AFTER UPDATE OF `customer_id`, `at`, `to_stage` ON `stage_history`
WHEN OLD.`customer_id` IS NOT NEW.`customer_id` OR OLD.`at` IS NOT NEW.`at` OR OLD.`to_stage` IS NOT NEW.`to_stage` BEGIN
	DELETE FROM `customer_stage_months` WHERE `customer_id` = OLD.`customer_id` AND `month` >= substr(OLD.`at`, 1, 7);
	INSERT INTO `customer_stage_months` (`customer_id`, `month`, `start_stage`, `entered`)
	SELECT OLD.`customer_id`, e.`month`,
		coalesce((SELECT p.`to_stage` FROM `stage_history` p WHERE p.`customer_id` = OLD.`customer_id` AND p.`at` < e.`month` || '-01T00:00:00.000Z' ORDER BY p.`at` DESC, p.`id` DESC LIMIT 1), ''), e.`entered`
	FROM (SELECT `month`, group_concat(`to_stage`, char(31)) AS `entered` FROM (
		SELECT DISTINCT substr(`at`, 1, 7) AS `month`, `to_stage` FROM `stage_history` WHERE `customer_id` = OLD.`customer_id` AND `at` >= substr(OLD.`at`, 1, 7) || '-01' ORDER BY 1, 2) GROUP BY `month`) e;
	DELETE FROM `customer_stage_months` WHERE `customer_id` = NEW.`customer_id` AND `month` >= substr(NEW.`at`, 1, 7);
	INSERT INTO `customer_stage_months` (`customer_id`, `month`, `start_stage`, `entered`)
	SELECT NEW.`customer_id`, e.`month`,
		coalesce((SELECT p.`to_stage` FROM `stage_history` p WHERE p.`customer_id` = NEW.`customer_id` AND p.`at` < e.`month` || '-01T00:00:00.000Z' ORDER BY p.`at` DESC, p.`id` DESC LIMIT 1), ''), e.`entered`
	FROM (SELECT `month`, group_concat(`to_stage`, char(31)) AS `entered` FROM (
		SELECT DISTINCT substr(`at`, 1, 7) AS `month`, `to_stage` FROM `stage_history` WHERE `customer_id` = NEW.`customer_id` AND `at` >= substr(NEW.`at`, 1, 7) || '-01' ORDER BY 1, 2) GROUP BY `month`) e;
END;
--> statement-breakpoint
-- A customer-month row counted in (or out of) every scope of its customer.
CREATE TRIGGER IF NOT EXISTS `value_churn_scopes_month_insert` AFTER INSERT ON `customer_stage_months` BEGIN
	INSERT INTO `value_churn_scopes` (`segment_id`, `channel`, `month`, `start_stage`, `entered`, `customers`)
	SELECT s.`segment_id`, c.`channel`, NEW.`month`, NEW.`start_stage`, NEW.`entered`, 1
	FROM (SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_churn_scopes_month_delete` AFTER DELETE ON `customer_stage_months` BEGIN
	INSERT INTO `value_churn_scopes` (`segment_id`, `channel`, `month`, `start_stage`, `entered`, `customers`)
	SELECT s.`segment_id`, c.`channel`, OLD.`month`, OLD.`start_stage`, OLD.`entered`, -1
	FROM (SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id` AND `channel` IS NOT NULL) c WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- A customer entered or left a segment: their months count in its scopes, or no longer.
CREATE TRIGGER IF NOT EXISTS `value_churn_scopes_member_insert` AFTER INSERT ON `segment_memberships` BEGIN
	INSERT INTO `value_churn_scopes` (`segment_id`, `channel`, `month`, `start_stage`, `entered`, `customers`)
	SELECT NEW.`segment_id`, c.`channel`, r.`month`, r.`start_stage`, r.`entered`, 1 FROM `customer_stage_months` r,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c
	WHERE r.`customer_id` = NEW.`customer_id`
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_churn_scopes_member_delete` AFTER DELETE ON `segment_memberships` BEGIN
	INSERT INTO `value_churn_scopes` (`segment_id`, `channel`, `month`, `start_stage`, `entered`, `customers`)
	SELECT OLD.`segment_id`, c.`channel`, r.`month`, r.`start_stage`, r.`entered`, -1 FROM `customer_stage_months` r,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id` AND `channel` IS NOT NULL) c
	WHERE r.`customer_id` = OLD.`customer_id`
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- The first-touch channel found, changed or forgotten: the customer's months move between channel scopes.
CREATE TRIGGER IF NOT EXISTS `value_churn_scopes_facts_insert` AFTER INSERT ON `customer_facts` WHEN NEW.`channel` IS NOT NULL BEGIN
	INSERT INTO `value_churn_scopes` (`segment_id`, `channel`, `month`, `start_stage`, `entered`, `customers`)
	SELECT s.`segment_id`, NEW.`channel`, r.`month`, r.`start_stage`, r.`entered`, 1 FROM `customer_stage_months` r,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s
	WHERE r.`customer_id` = NEW.`customer_id`
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_churn_scopes_facts_delete` AFTER DELETE ON `customer_facts` WHEN OLD.`channel` IS NOT NULL BEGIN
	INSERT INTO `value_churn_scopes` (`segment_id`, `channel`, `month`, `start_stage`, `entered`, `customers`)
	SELECT s.`segment_id`, OLD.`channel`, r.`month`, r.`start_stage`, r.`entered`, -1 FROM `customer_stage_months` r,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) s
	WHERE r.`customer_id` = OLD.`customer_id`
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_churn_scopes_facts_channel` AFTER UPDATE OF `channel` ON `customer_facts` WHEN OLD.`channel` IS NOT NEW.`channel` BEGIN
	INSERT INTO `value_churn_scopes` (`segment_id`, `channel`, `month`, `start_stage`, `entered`, `customers`)
	SELECT s.`segment_id`, c.`channel`, r.`month`, r.`start_stage`, r.`entered`, c.`sign` FROM `customer_stage_months` r,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
		(SELECT OLD.`channel` AS `channel`, -1 AS `sign` WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT NEW.`channel`, 1 WHERE NEW.`channel` IS NOT NULL) c
	WHERE r.`customer_id` = NEW.`customer_id`
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
