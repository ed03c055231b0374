-- Historical CLV per group (first-seen day, current stage, segment) and filter scope, so "CLV by cohort / stage /
-- segment" reads a few hundred rows instead of joining every customer's revenue at request time. A scope is
-- (segment_id, channel) as in migration 0029 ('' = any). Each customer counts once in every (group, scope) pair of
-- theirs: groups = their first-seen day (customer_facts), their stage now (customers, '' without one) and each segment
-- they are in now; scopes = ('', ''), ('', channel), (segment, '') and (segment, channel) for their first-touch channel
-- and segments. `customers` counts them, `revenue` adds their revenue to date (customer_value; 0 without a row).
-- Every trigger adds the pairs its row change brings (or takes away) and reads the other tables as they are, so the
-- order in which a customer's rows arrive or go does not matter (the same rule as 0028/0029).
CREATE TABLE IF NOT EXISTS `value_group_revenue` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`kind` text NOT NULL,
	`group_value` text NOT NULL,
	`customers` integer NOT NULL,
	`revenue` real NOT NULL,
	PRIMARY KEY (`segment_id`, `channel`, `kind`, `group_value`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Backfill from the rows already stored (set-based): everyone's scope, then the keyed scopes.
INSERT OR REPLACE INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
SELECT '', '', g.`kind`, g.`group_value`, count(*), coalesce(sum(v.`revenue`), 0) FROM (
	SELECT `customer_id`, 'cohort' AS `kind`, substr(`first_seen_at`, 1, 10) AS `group_value` FROM `customer_facts`
	UNION ALL SELECT `id`, 'stage', coalesce(`lifecycle_stage`, '') FROM `customers`
	UNION ALL SELECT `customer_id`, 'segment', `segment_id` FROM `segment_memberships`
) g LEFT JOIN `customer_value` v ON v.`customer_id` = g.`customer_id`
GROUP BY g.`kind`, g.`group_value`;
--> statement-breakpoint
INSERT OR REPLACE INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
SELECT k.`segment_id`, k.`channel`, g.`kind`, g.`group_value`, count(*), coalesce(sum(v.`revenue`), 0) FROM (
	SELECT `customer_id`, '' AS `segment_id`, `channel` FROM `customer_facts` WHERE `channel` IS NOT NULL
	UNION ALL SELECT `customer_id`, `segment_id`, '' FROM `segment_memberships`
	UNION ALL SELECT m.`customer_id`, m.`segment_id`, f.`channel` FROM `segment_memberships` m JOIN `customer_facts` f ON f.`customer_id` = m.`customer_id` WHERE f.`channel` IS NOT NULL
) k JOIN (
	SELECT `customer_id`, 'cohort' AS `kind`, substr(`first_seen_at`, 1, 10) AS `group_value` FROM `customer_facts`
	UNION ALL SELECT `id`, 'stage', coalesce(`lifecycle_stage`, '') FROM `customers`
	UNION ALL SELECT `customer_id`, 'segment', `segment_id` FROM `segment_memberships`
) g ON g.`customer_id` = k.`customer_id` LEFT JOIN `customer_value` v ON v.`customer_id` = k.`customer_id`
GROUP BY k.`segment_id`, k.`channel`, g.`kind`, g.`group_value`;
--> statement-breakpoint
-- Revenue to date changed (a purchase, a refund): the difference in every pair of the customer's.
CREATE TRIGGER IF NOT EXISTS `value_groups_value_insert` AFTER INSERT ON `customer_value` BEGIN
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, g.`kind`, g.`group_value`, 0, NEW.`revenue`
	FROM (SELECT 'cohort' AS `kind`, substr(`first_seen_at`, 1, 10) AS `group_value` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id`
			UNION ALL SELECT 'stage', coalesce(`lifecycle_stage`, '') FROM `customers` WHERE `id` = NEW.`customer_id`
			UNION ALL SELECT 'segment', `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) g,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_groups_value_update` AFTER UPDATE OF `revenue` ON `customer_value`
WHEN OLD.`customer_id` IS NEW.`customer_id` AND OLD.`revenue` IS NOT NEW.`revenue` BEGIN
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, g.`kind`, g.`group_value`, 0, NEW.`revenue` - OLD.`revenue`
	FROM (SELECT 'cohort' AS `kind`, substr(`first_seen_at`, 1, 10) AS `group_value` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id`
			UNION ALL SELECT 'stage', coalesce(`lifecycle_stage`, '') FROM `customers` WHERE `id` = NEW.`customer_id`
			UNION ALL SELECT 'segment', `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) g,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
END;
--> statement-breakpoint
-- A value row moved to another customer (a merge) or deleted (a customer forgotten).
CREATE TRIGGER IF NOT EXISTS `value_groups_value_moved` AFTER UPDATE OF `customer_id` ON `customer_value`
WHEN OLD.`customer_id` IS NOT NEW.`customer_id` BEGIN
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, g.`kind`, g.`group_value`, 0, -OLD.`revenue`
	FROM (SELECT 'cohort' AS `kind`, substr(`first_seen_at`, 1, 10) AS `group_value` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id`
			UNION ALL SELECT 'stage', coalesce(`lifecycle_stage`, '') FROM `customers` WHERE `id` = OLD.`customer_id`
			UNION ALL SELECT 'segment', `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) g,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id` AND `channel` IS NOT NULL) c WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, g.`kind`, g.`group_value`, 0, NEW.`revenue`
	FROM (SELECT 'cohort' AS `kind`, substr(`first_seen_at`, 1, 10) AS `group_value` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id`
			UNION ALL SELECT 'stage', coalesce(`lifecycle_stage`, '') FROM `customers` WHERE `id` = NEW.`customer_id`
			UNION ALL SELECT 'segment', `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) g,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_groups_value_delete` AFTER DELETE ON `customer_value` BEGIN
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, g.`kind`, g.`group_value`, 0, -OLD.`revenue`
	FROM (SELECT 'cohort' AS `kind`, substr(`first_seen_at`, 1, 10) AS `group_value` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id`
			UNION ALL SELECT 'stage', coalesce(`lifecycle_stage`, '') FROM `customers` WHERE `id` = OLD.`customer_id`
			UNION ALL SELECT 'segment', `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) g,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id` AND `channel` IS NOT NULL) c WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
END;
--> statement-breakpoint
-- A customer created, moved to another stage or deleted: their stage group in each of their scopes.
CREATE TRIGGER IF NOT EXISTS `value_groups_customer_insert` AFTER INSERT ON `customers` BEGIN
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, 'stage', coalesce(NEW.`lifecycle_stage`, ''), 1, coalesce((SELECT `revenue` FROM `customer_value` WHERE `customer_id` = NEW.`id`), 0)
	FROM (SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`id` AND `channel` IS NOT NULL) c WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_groups_customer_stage` AFTER UPDATE OF `lifecycle_stage` ON `customers`
WHEN OLD.`lifecycle_stage` IS NOT NEW.`lifecycle_stage` BEGIN
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, 'stage', x.`stage`, x.`sign`, x.`sign` * coalesce((SELECT `revenue` FROM `customer_value` WHERE `customer_id` = NEW.`id`), 0)
	FROM (SELECT coalesce(OLD.`lifecycle_stage`, '') AS `stage`, -1 AS `sign` UNION ALL SELECT coalesce(NEW.`lifecycle_stage`, ''), 1) x,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`id` AND `channel` IS NOT NULL) c WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_groups_customer_delete` AFTER DELETE ON `customers` BEGIN
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, 'stage', coalesce(OLD.`lifecycle_stage`, ''), -1, -coalesce((SELECT `revenue` FROM `customer_value` WHERE `customer_id` = OLD.`id`), 0)
	FROM (SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = OLD.`id` AND `channel` IS NOT NULL) c WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
END;
--> statement-breakpoint
-- First seen (the cohort group) and the first-touch channel (the channel scopes) found, moved or forgotten. Adding a
-- customer's facts adds their cohort in every scope and every other group of theirs in the channel's scopes; removing
-- them takes the same pairs away; a change is the old facts removed and the new ones added.
CREATE TRIGGER IF NOT EXISTS `value_groups_facts_insert` AFTER INSERT ON `customer_facts` BEGIN
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, g.`kind`, g.`group_value`, 1, coalesce((SELECT `revenue` FROM `customer_value` WHERE `customer_id` = NEW.`customer_id`), 0)
	FROM (SELECT 'cohort' AS `kind`, substr(NEW.`first_seen_at`, 1, 10) AS `group_value`
			UNION ALL SELECT 'stage', coalesce(`lifecycle_stage`, '') FROM `customers` WHERE `id` = NEW.`customer_id`
			UNION ALL SELECT 'segment', `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) g,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT NEW.`channel` WHERE NEW.`channel` IS NOT NULL) c
	WHERE g.`kind` = 'cohort' OR c.`channel` <> ''
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_groups_facts_update` AFTER UPDATE OF `customer_id`, `first_seen_at`, `channel` ON `customer_facts`
WHEN OLD.`customer_id` IS NOT NEW.`customer_id` OR substr(OLD.`first_seen_at`, 1, 10) IS NOT substr(NEW.`first_seen_at`, 1, 10) OR OLD.`channel` IS NOT NEW.`channel` BEGIN
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, g.`kind`, g.`group_value`, -1, -coalesce((SELECT `revenue` FROM `customer_value` WHERE `customer_id` = OLD.`customer_id`), 0)
	FROM (SELECT 'cohort' AS `kind`, substr(OLD.`first_seen_at`, 1, 10) AS `group_value`
			UNION ALL SELECT 'stage', coalesce(`lifecycle_stage`, '') FROM `customers` WHERE `id` = OLD.`customer_id`
			UNION ALL SELECT 'segment', `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) g,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT OLD.`channel` WHERE OLD.`channel` IS NOT NULL) c
	WHERE g.`kind` = 'cohort' OR c.`channel` <> ''
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, g.`kind`, g.`group_value`, 1, coalesce((SELECT `revenue` FROM `customer_value` WHERE `customer_id` = NEW.`customer_id`), 0)
	FROM (SELECT 'cohort' AS `kind`, substr(NEW.`first_seen_at`, 1, 10) AS `group_value`
			UNION ALL SELECT 'stage', coalesce(`lifecycle_stage`, '') FROM `customers` WHERE `id` = NEW.`customer_id`
			UNION ALL SELECT 'segment', `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) g,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT NEW.`channel` WHERE NEW.`channel` IS NOT NULL) c
	WHERE g.`kind` = 'cohort' OR c.`channel` <> ''
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_groups_facts_delete` AFTER DELETE ON `customer_facts` BEGIN
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, g.`kind`, g.`group_value`, -1, -coalesce((SELECT `revenue` FROM `customer_value` WHERE `customer_id` = OLD.`customer_id`), 0)
	FROM (SELECT 'cohort' AS `kind`, substr(OLD.`first_seen_at`, 1, 10) AS `group_value`
			UNION ALL SELECT 'stage', coalesce(`lifecycle_stage`, '') FROM `customers` WHERE `id` = OLD.`customer_id`
			UNION ALL SELECT 'segment', `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) g,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT OLD.`channel` WHERE OLD.`channel` IS NOT NULL) c
	WHERE g.`kind` = 'cohort' OR c.`channel` <> ''
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
END;
--> statement-breakpoint
-- A segment joined: the pairs that name it, as a group (in every scope of the customer's) or as a scope (with every
-- group of theirs). Left: the same pairs, read with the membership put back.
CREATE TRIGGER IF NOT EXISTS `value_groups_member_insert` AFTER INSERT ON `segment_memberships` BEGIN
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, g.`kind`, g.`group_value`, 1, coalesce((SELECT `revenue` FROM `customer_value` WHERE `customer_id` = NEW.`customer_id`), 0)
	FROM (SELECT 'cohort' AS `kind`, substr(`first_seen_at`, 1, 10) AS `group_value` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id`
			UNION ALL SELECT 'stage', coalesce(`lifecycle_stage`, '') FROM `customers` WHERE `id` = NEW.`customer_id`
			UNION ALL SELECT 'segment', `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) g,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = NEW.`customer_id` AND `channel` IS NOT NULL) c
	WHERE (g.`kind` = 'segment' AND g.`group_value` = NEW.`segment_id`) OR s.`segment_id` = NEW.`segment_id`
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `value_groups_member_delete` AFTER DELETE ON `segment_memberships` BEGIN
	INSERT INTO `value_group_revenue` (`segment_id`, `channel`, `kind`, `group_value`, `customers`, `revenue`)
	SELECT s.`segment_id`, c.`channel`, g.`kind`, g.`group_value`, -1, -coalesce((SELECT `revenue` FROM `customer_value` WHERE `customer_id` = OLD.`customer_id`), 0)
	FROM (SELECT 'cohort' AS `kind`, substr(`first_seen_at`, 1, 10) AS `group_value` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id`
			UNION ALL SELECT 'stage', coalesce(`lifecycle_stage`, '') FROM `customers` WHERE `id` = OLD.`customer_id`
			UNION ALL SELECT 'segment', `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`
			UNION ALL SELECT 'segment', OLD.`segment_id`) g,
		(SELECT '' AS `segment_id` UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id` UNION ALL SELECT OLD.`segment_id`) s,
		(SELECT '' AS `channel` UNION ALL SELECT `channel` FROM `customer_facts` WHERE `customer_id` = OLD.`customer_id` AND `channel` IS NOT NULL) c
	WHERE (g.`kind` = 'segment' AND g.`group_value` = OLD.`segment_id`) OR s.`segment_id` = OLD.`segment_id`
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`;
END;
