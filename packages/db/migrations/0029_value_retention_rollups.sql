-- Revenue per day and paying customers, per filter scope, so the value figures read a few thousand rows at any scale.
-- A scope is (segment_id, channel): '' stands for "any" ('' is never a segment id nor a channel, both are non-empty).
-- Every customer's rows count in ('', ''), in ('', their channel), and in (segment, '') and (segment, their channel)
-- for each segment they are in now. Triggers keep this current whichever side changes: a day's revenue
-- (customer_revenue_daily), a customer's first-touch channel (customer_facts) or a membership (segment_memberships).
CREATE TABLE IF NOT EXISTS `revenue_scope_days` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`day` text NOT NULL,
	`currency` text NOT NULL,
	`amount` real NOT NULL,
	`orders` integer NOT NULL,
	PRIMARY KEY (`segment_id`, `channel`, `day`, `currency`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Paying customers (base currency) as cells (day, prev_day, customers): `customers` customers paid on `day` and last
-- paid before it on `prev_day` ('' when `day` is their first). Those who paid in [a, b) are the cells with a ≤ day < b
-- and prev_day < a: one row per such customer, their first paying day in the range. At most days × days ÷ 2 cells per scope.
CREATE TABLE IF NOT EXISTS `revenue_scope_payers` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`day` text NOT NULL,
	`prev_day` text NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY (`segment_id`, `channel`, `day`, `prev_day`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Customers first seen per day and scope: ARPU's denominator, CAC's acquired customers and the cohort sizes of CLV.
CREATE TABLE IF NOT EXISTS `customer_scope_first_seen` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`day` text NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY (`segment_id`, `channel`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Backfill from the rows already stored (set-based; the scopes of each customer joined once).
INSERT OR IGNORE INTO `revenue_scope_days` (`segment_id`, `channel`, `day`, `currency`, `amount`, `orders`)
SELECT s.`segment_id`, s.`channel`, r.`day`, r.`currency`, sum(r.`amount`), sum(r.`orders`)
FROM `customer_revenue_daily` r JOIN (
	SELECT f.`customer_id`, '' AS `segment_id`, '' AS `channel` FROM `customer_revenue_daily` f GROUP BY f.`customer_id`
	UNION ALL SELECT `customer_id`, '', `channel` FROM `customer_facts` WHERE `channel` IS NOT NULL
	UNION ALL SELECT `customer_id`, `segment_id`, '' FROM `segment_memberships`
	UNION ALL SELECT m.`customer_id`, m.`segment_id`, f.`channel` FROM `segment_memberships` m JOIN `customer_facts` f ON f.`customer_id` = m.`customer_id` WHERE f.`channel` IS NOT NULL
) s ON s.`customer_id` = r.`customer_id`
GROUP BY s.`segment_id`, s.`channel`, r.`day`, r.`currency`;
--> statement-breakpoint
INSERT OR IGNORE INTO `revenue_scope_payers` (`segment_id`, `channel`, `day`, `prev_day`, `customers`)
SELECT s.`segment_id`, s.`channel`, p.`day`, p.`prev_day`, count(*)
FROM (SELECT `customer_id`, `day`, coalesce(lag(`day`) OVER (PARTITION BY `customer_id` ORDER BY `day`), '') AS `prev_day` FROM `customer_revenue_daily` WHERE `currency` = '') p JOIN (
	SELECT f.`customer_id`, '' AS `segment_id`, '' AS `channel` FROM `customer_revenue_daily` f WHERE f.`currency` = '' GROUP BY f.`customer_id`
	UNION ALL SELECT `customer_id`, '', `channel` FROM `customer_facts` WHERE `channel` IS NOT NULL
	UNION ALL SELECT `customer_id`, `segment_id`, '' FROM `segment_memberships`
	UNION ALL SELECT m.`customer_id`, m.`segment_id`, f.`channel` FROM `segment_memberships` m JOIN `customer_facts` f ON f.`customer_id` = m.`customer_id` WHERE f.`channel` IS NOT NULL
) s ON s.`customer_id` = p.`customer_id`
GROUP BY s.`segment_id`, s.`channel`, p.`day`, p.`prev_day`;
--> statement-breakpoint
INSERT OR IGNORE INTO `customer_scope_first_seen` (`segment_id`, `channel`, `day`, `customers`)
SELECT s.`segment_id`, s.`channel`, substr(f.`first_seen_at`, 1, 10), count(*)
FROM `customer_facts` f JOIN (
	SELECT `customer_id`, '' AS `segment_id`, '' AS `channel` FROM `customer_facts`
	UNION ALL SELECT `customer_id`, '', `channel` FROM `customer_facts` WHERE `channel` IS NOT NULL
	UNION ALL SELECT `customer_id`, `segment_id`, '' FROM `segment_memberships`
	UNION ALL SELECT m.`customer_id`, m.`segment_id`, f.`channel` FROM `segment_memberships` m JOIN `customer_facts` f ON f.`customer_id` = m.`customer_id` WHERE f.`channel` IS NOT NULL
) s ON s.`customer_id` = f.`customer_id`
GROUP BY s.`segment_id`, s.`channel`, substr(f.`first_seen_at`, 1, 10);
--> statement-breakpoint
-- A revenue day added: its amount in each scope of the customer; base currency: the customer's payer cells change only
-- around it (this day after the previous one; the next day, if any, now after this one instead of the previous).
CREATE TRIGGER IF NOT EXISTS `revenue_scopes_day_added` AFTER INSERT ON `customer_revenue_daily` BEGIN
	INSERT INTO `revenue_scope_days` (`segment_id`, `channel`, `day`, `currency`, `amount`, `orders`)
		SELECT s.`segment_id`, c.`channel`, NEW.`day`, NEW.`currency`, NEW.`amount`, NEW.`orders`
		FROM (SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c WHERE true
		ON CONFLICT DO UPDATE SET `amount` = `amount` + excluded.`amount`, `orders` = `orders` + excluded.`orders`;
	INSERT INTO `revenue_scope_payers` (`segment_id`, `channel`, `day`, `prev_day`, `customers`)
		SELECT s.`segment_id`, c.`channel`, x.`day`, x.`prev_day`, x.`delta`
		FROM (SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c,
			(SELECT NEW.`day` AS `day`, coalesce(b.`prev`, '') AS `prev_day`, 1 AS `delta` FROM (SELECT max(`day`) AS `prev` FROM `customer_revenue_daily` WHERE `customer_id` = NEW.`customer_id` AND `currency` = '' AND `day` < NEW.`day`) b
			 UNION ALL SELECT a.`next`, coalesce(b.`prev`, ''), -1 FROM (SELECT max(`day`) AS `prev` FROM `customer_revenue_daily` WHERE `customer_id` = NEW.`customer_id` AND `currency` = '' AND `day` < NEW.`day`) b,
				(SELECT min(`day`) AS `next` FROM `customer_revenue_daily` WHERE `customer_id` = NEW.`customer_id` AND `currency` = '' AND `day` > NEW.`day`) a WHERE a.`next` IS NOT NULL
			 UNION ALL SELECT a.`next`, NEW.`day`, 1 FROM (SELECT min(`day`) AS `next` FROM `customer_revenue_daily` WHERE `customer_id` = NEW.`customer_id` AND `currency` = '' AND `day` > NEW.`day`) a WHERE a.`next` IS NOT NULL) x
		WHERE NEW.`currency` = ''
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- Another purchase on a day already counted: only the amounts change.
CREATE TRIGGER IF NOT EXISTS `revenue_scopes_day_changed` AFTER UPDATE OF `amount`, `orders` ON `customer_revenue_daily` BEGIN
	INSERT INTO `revenue_scope_days` (`segment_id`, `channel`, `day`, `currency`, `amount`, `orders`)
		SELECT s.`segment_id`, c.`channel`, NEW.`day`, NEW.`currency`, NEW.`amount` - OLD.`amount`, NEW.`orders` - OLD.`orders`
		FROM (SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c WHERE true
		ON CONFLICT DO UPDATE SET `amount` = `amount` + excluded.`amount`, `orders` = `orders` + excluded.`orders`;
END;
--> statement-breakpoint
-- A revenue day removed (a customer forgotten): the reverse of adding it.
CREATE TRIGGER IF NOT EXISTS `revenue_scopes_day_removed` AFTER DELETE ON `customer_revenue_daily` BEGIN
	INSERT INTO `revenue_scope_days` (`segment_id`, `channel`, `day`, `currency`, `amount`, `orders`)
		SELECT s.`segment_id`, c.`channel`, OLD.`day`, OLD.`currency`, -OLD.`amount`, -OLD.`orders`
		FROM (SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) s,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id` AND `channel` IS NOT NULL) c WHERE true
		ON CONFLICT DO UPDATE SET `amount` = `amount` + excluded.`amount`, `orders` = `orders` + excluded.`orders`;
	INSERT INTO `revenue_scope_payers` (`segment_id`, `channel`, `day`, `prev_day`, `customers`)
		SELECT s.`segment_id`, c.`channel`, x.`day`, x.`prev_day`, x.`delta`
		FROM (SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) s,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id` AND `channel` IS NOT NULL) c,
			(SELECT OLD.`day` AS `day`, coalesce(b.`prev`, '') AS `prev_day`, -1 AS `delta` FROM (SELECT max(`day`) AS `prev` FROM `customer_revenue_daily` WHERE `customer_id` = OLD.`customer_id` AND `currency` = '' AND `day` < OLD.`day`) b
			 UNION ALL SELECT a.`next`, coalesce(b.`prev`, ''), 1 FROM (SELECT max(`day`) AS `prev` FROM `customer_revenue_daily` WHERE `customer_id` = OLD.`customer_id` AND `currency` = '' AND `day` < OLD.`day`) b,
				(SELECT min(`day`) AS `next` FROM `customer_revenue_daily` WHERE `customer_id` = OLD.`customer_id` AND `currency` = '' AND `day` > OLD.`day`) a WHERE a.`next` IS NOT NULL
			 UNION ALL SELECT a.`next`, OLD.`day`, -1 FROM (SELECT min(`day`) AS `next` FROM `customer_revenue_daily` WHERE `customer_id` = OLD.`customer_id` AND `currency` = '' AND `day` > OLD.`day`) a WHERE a.`next` IS NOT NULL) x
		WHERE OLD.`currency` = ''
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- A customer first seen: counted on their first-seen day in each scope (their revenue rows come after, so none to move).
CREATE TRIGGER IF NOT EXISTS `value_scopes_facts_added` AFTER INSERT ON `customer_facts` BEGIN
	INSERT INTO `customer_scope_first_seen` (`segment_id`, `channel`, `day`, `customers`)
		SELECT s.`segment_id`, c.`channel`, substr(NEW.`first_seen_at`, 1, 10), 1
		FROM (SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
			(SELECT '' AS `channel` UNION ALL SELECT NEW.`channel` WHERE NEW.`channel` IS NOT NULL) c WHERE true
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `revenue_scope_days` (`segment_id`, `channel`, `day`, `currency`, `amount`, `orders`)
		SELECT s.`segment_id`, NEW.`channel`, r.`day`, r.`currency`, r.`amount`, r.`orders` FROM `customer_revenue_daily` r,
			(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s
		WHERE r.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL
		ON CONFLICT DO UPDATE SET `amount` = `amount` + excluded.`amount`, `orders` = `orders` + excluded.`orders`;
	INSERT INTO `revenue_scope_payers` (`segment_id`, `channel`, `day`, `prev_day`, `customers`)
		SELECT s.`segment_id`, NEW.`channel`, p.`day`, p.`prev_day`, 1
		FROM (SELECT `day`, coalesce(lag(`day`) OVER (ORDER BY `day`), '') AS `prev_day` FROM `customer_revenue_daily` WHERE `customer_id` = NEW.`customer_id` AND `currency` = '') p,
			(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s
		WHERE NEW.`channel` IS NOT NULL
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- First seen moved back (backfilled history) or the first-touch channel found: the customer's counts move with them.
CREATE TRIGGER IF NOT EXISTS `value_scopes_facts_changed` AFTER UPDATE OF `first_seen_at`, `channel` ON `customer_facts`
WHEN OLD.`first_seen_at` IS NOT NEW.`first_seen_at` OR OLD.`channel` IS NOT NEW.`channel` BEGIN
	INSERT INTO `customer_scope_first_seen` (`segment_id`, `channel`, `day`, `customers`)
		SELECT s.`segment_id`, c.`channel`, c.`day`, c.`delta`
		FROM (SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
			(SELECT '' AS `channel`, substr(OLD.`first_seen_at`, 1, 10) AS `day`, -1 AS `delta` UNION ALL SELECT OLD.`channel`, substr(OLD.`first_seen_at`, 1, 10), -1 WHERE OLD.`channel` IS NOT NULL
			 UNION ALL SELECT '', substr(NEW.`first_seen_at`, 1, 10), 1 UNION ALL SELECT NEW.`channel`, substr(NEW.`first_seen_at`, 1, 10), 1 WHERE NEW.`channel` IS NOT NULL) c WHERE true
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `revenue_scope_days` (`segment_id`, `channel`, `day`, `currency`, `amount`, `orders`)
		SELECT s.`segment_id`, c.`channel`, r.`day`, r.`currency`, c.`sign` * r.`amount`, c.`sign` * r.`orders` FROM `customer_revenue_daily` r,
			(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
			(SELECT OLD.`channel` AS `channel`, -1 AS `sign` WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT NEW.`channel`, 1 WHERE NEW.`channel` IS NOT NULL) c
		WHERE r.`customer_id` = NEW.`customer_id` AND OLD.`channel` IS NOT NEW.`channel`
		ON CONFLICT DO UPDATE SET `amount` = `amount` + excluded.`amount`, `orders` = `orders` + excluded.`orders`;
	INSERT INTO `revenue_scope_payers` (`segment_id`, `channel`, `day`, `prev_day`, `customers`)
		SELECT s.`segment_id`, c.`channel`, p.`day`, p.`prev_day`, c.`sign`
		FROM (SELECT `day`, coalesce(lag(`day`) OVER (ORDER BY `day`), '') AS `prev_day` FROM `customer_revenue_daily` WHERE `customer_id` = NEW.`customer_id` AND `currency` = '') p,
			(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
			(SELECT OLD.`channel` AS `channel`, -1 AS `sign` WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT NEW.`channel`, 1 WHERE NEW.`channel` IS NOT NULL) c
		WHERE OLD.`channel` IS NOT NEW.`channel`
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- A customer forgotten: out of the first-seen counts and out of their channel's scopes (their revenue rows, removed
-- next, leave the scopes that do not name a channel).
CREATE TRIGGER IF NOT EXISTS `value_scopes_facts_removed` AFTER DELETE ON `customer_facts` BEGIN
	INSERT INTO `customer_scope_first_seen` (`segment_id`, `channel`, `day`, `customers`)
		SELECT s.`segment_id`, c.`channel`, substr(OLD.`first_seen_at`, 1, 10), -1
		FROM (SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) s,
			(SELECT '' AS `channel` UNION ALL SELECT OLD.`channel` WHERE OLD.`channel` IS NOT NULL) c WHERE true
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `revenue_scope_days` (`segment_id`, `channel`, `day`, `currency`, `amount`, `orders`)
		SELECT s.`segment_id`, OLD.`channel`, r.`day`, r.`currency`, -r.`amount`, -r.`orders` FROM `customer_revenue_daily` r,
			(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) s
		WHERE r.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL
		ON CONFLICT DO UPDATE SET `amount` = `amount` + excluded.`amount`, `orders` = `orders` + excluded.`orders`;
	INSERT INTO `revenue_scope_payers` (`segment_id`, `channel`, `day`, `prev_day`, `customers`)
		SELECT s.`segment_id`, OLD.`channel`, p.`day`, p.`prev_day`, -1
		FROM (SELECT `day`, coalesce(lag(`day`) OVER (ORDER BY `day`), '') AS `prev_day` FROM `customer_revenue_daily` WHERE `customer_id` = OLD.`customer_id` AND `currency` = '') p,
			(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) s
		WHERE OLD.`channel` IS NOT NULL
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- A customer entered a segment: their first-seen day, revenue days and payer cells now count in its scopes.
CREATE TRIGGER IF NOT EXISTS `value_scopes_member_added` AFTER INSERT ON `segment_memberships` BEGIN
	INSERT INTO `customer_scope_first_seen` (`segment_id`, `channel`, `day`, `customers`)
		SELECT NEW.`segment_id`, c.`channel`, substr(f.`first_seen_at`, 1, 10), 1 FROM `customer_facts` f,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c
		WHERE f.`customer_id` = NEW.`customer_id`
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `revenue_scope_days` (`segment_id`, `channel`, `day`, `currency`, `amount`, `orders`)
		SELECT NEW.`segment_id`, c.`channel`, r.`day`, r.`currency`, r.`amount`, r.`orders` FROM `customer_revenue_daily` r,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c
		WHERE r.`customer_id` = NEW.`customer_id`
		ON CONFLICT DO UPDATE SET `amount` = `amount` + excluded.`amount`, `orders` = `orders` + excluded.`orders`;
	INSERT INTO `revenue_scope_payers` (`segment_id`, `channel`, `day`, `prev_day`, `customers`)
		SELECT NEW.`segment_id`, c.`channel`, p.`day`, p.`prev_day`, 1
		FROM (SELECT `day`, coalesce(lag(`day`) OVER (ORDER BY `day`), '') AS `prev_day` FROM `customer_revenue_daily` WHERE `customer_id` = NEW.`customer_id` AND `currency` = '') p,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c WHERE true
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- A customer left a segment (or the segment was deleted): the reverse.
CREATE TRIGGER IF NOT EXISTS `value_scopes_member_removed` AFTER DELETE ON `segment_memberships` BEGIN
	INSERT INTO `customer_scope_first_seen` (`segment_id`, `channel`, `day`, `customers`)
		SELECT OLD.`segment_id`, c.`channel`, substr(f.`first_seen_at`, 1, 10), -1 FROM `customer_facts` f,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id` AND `channel` IS NOT NULL) c
		WHERE f.`customer_id` = OLD.`customer_id`
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `revenue_scope_days` (`segment_id`, `channel`, `day`, `currency`, `amount`, `orders`)
		SELECT OLD.`segment_id`, c.`channel`, r.`day`, r.`currency`, -r.`amount`, -r.`orders` FROM `customer_revenue_daily` r,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id` AND `channel` IS NOT NULL) c
		WHERE r.`customer_id` = OLD.`customer_id`
		ON CONFLICT DO UPDATE SET `amount` = `amount` + excluded.`amount`, `orders` = `orders` + excluded.`orders`;
	INSERT INTO `revenue_scope_payers` (`segment_id`, `channel`, `day`, `prev_day`, `customers`)
		SELECT OLD.`segment_id`, c.`channel`, p.`day`, p.`prev_day`, -1
		FROM (SELECT `day`, coalesce(lag(`day`) OVER (ORDER BY `day`), '') AS `prev_day` FROM `customer_revenue_daily` WHERE `customer_id` = OLD.`customer_id` AND `currency` = '') p,
			(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id` AND `channel` IS NOT NULL) c WHERE true
		ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- Cohorts by the first time of an event, for everyone (week and month), kept per event like the first-seen counters.
CREATE TABLE IF NOT EXISTS `event_cohort_sizes` (
	`event` text NOT NULL,
	`interval` text NOT NULL,
	`cohort` text NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY (`event`, `interval`, `cohort`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `event_cohort_activity` (
	`event` text NOT NULL,
	`interval` text NOT NULL,
	`cohort` text NOT NULL,
	`period` text NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY (`event`, `interval`, `cohort`, `period`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT OR IGNORE INTO `event_cohort_sizes` (`event`, `interval`, `cohort`, `customers`)
SELECT f.`event`, i.`interval`, CASE i.`interval` WHEN 'week' THEN date(f.`first_at`, '-6 days', 'weekday 1') ELSE date(f.`first_at`, 'start of month') END, count(*)
FROM `customer_first_events` f, (SELECT 'week' AS `interval` UNION ALL SELECT 'month') i GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT OR IGNORE INTO `event_cohort_activity` (`event`, `interval`, `cohort`, `period`, `customers`)
SELECT f.`event`, i.`interval`, CASE i.`interval` WHEN 'week' THEN date(f.`first_at`, '-6 days', 'weekday 1') ELSE date(f.`first_at`, 'start of month') END, p.`period`, count(*)
FROM `customer_first_events` f, (SELECT 'week' AS `interval` UNION ALL SELECT 'month') i
JOIN `customer_active_periods` p ON p.`customer_id` = f.`customer_id` AND p.`interval` = i.`interval`
	AND p.`period` >= CASE i.`interval` WHEN 'week' THEN date(f.`first_at`, '-6 days', 'weekday 1') ELSE date(f.`first_at`, 'start of month') END
GROUP BY 1, 2, 3, 4;
