-- The stage funnel at any size. For every entry of a customer into a configured stage (each stage change into it, and
-- for the first stage being first seen), the walk down the funnel from there is worked out once: which steps it
-- reached in order — the next step's first change after the step before, as the funnel route counts — and the time
-- from each step to the next as a 5%-wide bucket (-2: the same instant; 0: under a minute; b ≥ 1: [1 min · 1.05^(b−1),
-- 1 min · 1.05^b)).
-- Step lists follow the configured stage order: track '' walks the stages that are not churn stages after the entry's
-- stage (every ordinary end is a prefix of it); track X, for a churn stage X after it, the ordinary stages before X and
-- then X. The entry carries the day of the customer's entry into the same stage before it (`prev_day`, '' for none), so
-- "each customer's first entry in [from, to)" is the entries with from ≤ day < to and prev_day < from.
-- `stage_funnel_reach` holds the walks per customer; `stage_funnel_keyed` counts them per (segment, channel) key like
-- 0028 (('', '') is everyone). A stage change (or a first-seen moved by a backfilled event) marks the customer in
-- `stage_funnel_dirty`: their walks are worked out again, set-based, before the next read (stageFunnelRollup.ts) —
-- a trigger cannot run the recursive walk. Segment joins and leaves and channel changes move the stored walks between
-- keys by trigger. `stage_funnel_state` names the stage order and churn stages the walks were built for: a read under
-- another config rebuilds them.
CREATE TABLE IF NOT EXISTS `stage_funnel_state` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`stages` text NOT NULL,
	`churn_stages` text NOT NULL,
	`building` integer NOT NULL DEFAULT 0
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `stage_funnel_reach` (
	`customer_id` text NOT NULL,
	`start_stage` text NOT NULL,
	`track` text NOT NULL,
	`day` text NOT NULL,
	`prev_day` text NOT NULL,
	`step` integer NOT NULL,
	`bucket` integer NOT NULL,
	`entries` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `stage_funnel_keyed` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`start_stage` text NOT NULL,
	`track` text NOT NULL,
	`day` text NOT NULL,
	`prev_day` text NOT NULL,
	`step` integer NOT NULL,
	`bucket` integer NOT NULL,
	`entries` integer NOT NULL,
	PRIMARY KEY(`segment_id`, `channel`, `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `stage_funnel_dirty` (`customer_id` text PRIMARY KEY NOT NULL) WITHOUT ROWID;
--> statement-breakpoint
-- Backfill from the rows already stored, for the config saved now (the defaults when none is saved).
INSERT OR REPLACE INTO `stage_funnel_state` (`id`, `stages`, `churn_stages`, `building`) VALUES (1, coalesce((SELECT json_extract(l.`config`, '$.stages') FROM `lifecycle_settings` l WHERE l.`id` = 'default'), '["awareness","acquisition","onboarding","engagement","retention","advocacy","at_risk","churned"]'), coalesce((SELECT json_extract(a.`config`, '$.churnStages') FROM `analytics_settings` a WHERE a.`id` = 'default'), '["churned"]'), 0);
--> statement-breakpoint
DELETE FROM `stage_funnel_reach`;
--> statement-breakpoint
DELETE FROM `stage_funnel_keyed`;
--> statement-breakpoint
INSERT INTO `stage_funnel_reach` (`customer_id`, `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`, `entries`)
WITH `cfg` AS (
	SELECT CAST(s.`key` AS INTEGER) AS `i`, s.`value` AS `stage`, s.`value` IN (SELECT c.`value` FROM json_each((SELECT `churn_stages` FROM `stage_funnel_state`)) c) AS `churn` FROM json_each((SELECT `stages` FROM `stage_funnel_state`)) s
),
`steps` AS (
	SELECT a.`stage` AS `start`, '' AS `track`, s.`stage` AS `stage`, row_number() OVER (PARTITION BY a.`stage` ORDER BY s.`i`) AS `k`
	FROM `cfg` a JOIN `cfg` s ON s.`i` > a.`i` AND NOT s.`churn`
	UNION ALL
	SELECT a.`stage`, x.`stage`, s.`stage`, row_number() OVER (PARTITION BY a.`stage`, x.`stage` ORDER BY s.`i`)
	FROM `cfg` a JOIN `cfg` x ON x.`i` > a.`i` AND x.`churn` JOIN `cfg` s ON s.`i` > a.`i` AND s.`i` <= x.`i` AND (NOT s.`churn` OR s.`i` = x.`i`)
),
`tracks` AS (SELECT `stage` AS `start`, '' AS `track` FROM `cfg` UNION SELECT a.`stage`, x.`stage` FROM `cfg` a JOIN `cfg` x ON x.`i` > a.`i` AND x.`churn`),
`entries` AS (
	SELECT h.`customer_id`, h.`to_stage` AS `start`, h.`at` FROM `stage_history` h WHERE h.`to_stage` IN (SELECT `stage` FROM `cfg`) AND true
	UNION
	SELECT f.`customer_id`, (SELECT `stage` FROM `cfg` WHERE `i` = 0), f.`first_seen_at` FROM `customer_facts` f WHERE f.`first_seen_at` IS NOT NULL AND true
),
`ranked` AS (SELECT `customer_id`, `start`, `at`, lag(`at`) OVER (PARTITION BY `customer_id`, `start` ORDER BY `at`) AS `prev` FROM `entries`),
`walk` (`customer_id`, `start`, `track`, `day`, `prev_day`, `k`, `at`, `id`, `bucket`) AS (
	SELECT r.`customer_id`, r.`start`, t.`track`, substr(r.`at`, 1, 10), coalesce(substr(r.`prev`, 1, 10), ''), 0, r.`at`, -1, -1
	FROM `ranked` r JOIN `tracks` t ON t.`start` = r.`start`
	UNION ALL
	SELECT w.`customer_id`, w.`start`, w.`track`, w.`day`, w.`prev_day`, w.`k` + 1, n.`at`, n.`id`,
		CASE WHEN n.`at` = w.`at` THEN -2 WHEN (julianday(n.`at`) - julianday(w.`at`)) * 86400000.0 < 60000 THEN 0
		ELSE 1 + CAST(ln((julianday(n.`at`) - julianday(w.`at`)) * 86400000.0 / 60000.0) / ln(1.05) AS INTEGER) END
	FROM `walk` w JOIN `steps` s ON s.`start` = w.`start` AND s.`track` = w.`track` AND s.`k` = w.`k` + 1
	JOIN `stage_history` n ON n.`id` = (
		SELECT h.`id` FROM `stage_history` h WHERE h.`customer_id` = w.`customer_id` AND h.`to_stage` = s.`stage`
		AND (h.`at` > w.`at` OR (h.`at` = w.`at` AND h.`id` > w.`id`)) ORDER BY h.`at`, h.`id` LIMIT 1)
)
SELECT `customer_id`, `start`, `track`, `day`, `prev_day`, `k`, `bucket`, count(*) FROM `walk` GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO `stage_funnel_keyed` (`segment_id`, `channel`, `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`, `entries`)
SELECT '', '', `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`, sum(`entries`) FROM `stage_funnel_reach` GROUP BY 3, 4, 5, 6, 7, 8
UNION ALL
SELECT k.`segment_id`, k.`channel`, r.`start_stage`, r.`track`, r.`day`, r.`prev_day`, r.`step`, r.`bucket`, sum(r.`entries`)
FROM `stage_customer_keys` k JOIN `stage_funnel_reach` r ON r.`customer_id` = k.`customer_id` GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
--> statement-breakpoint
-- A customer's walks, counted for everyone and under each key they hold now (not while a rebuild fills both tables).
CREATE TRIGGER IF NOT EXISTS `stage_funnel_reach_insert` AFTER INSERT ON `stage_funnel_reach`
WHEN (SELECT `building` FROM `stage_funnel_state` WHERE `id` = 1) = 0 BEGIN
	INSERT INTO `stage_funnel_keyed` (`segment_id`, `channel`, `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`, `entries`)
	SELECT k.`segment_id`, k.`channel`, NEW.`start_stage`, NEW.`track`, NEW.`day`, NEW.`prev_day`, NEW.`step`, NEW.`bucket`, 1 * NEW.`entries` FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = NEW.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `entries` = `entries` + excluded.`entries`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_funnel_reach_delete` AFTER DELETE ON `stage_funnel_reach`
WHEN (SELECT `building` FROM `stage_funnel_state` WHERE `id` = 1) = 0 BEGIN
	INSERT INTO `stage_funnel_keyed` (`segment_id`, `channel`, `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`, `entries`)
	SELECT k.`segment_id`, k.`channel`, OLD.`start_stage`, OLD.`track`, OLD.`day`, OLD.`prev_day`, OLD.`step`, OLD.`bucket`, -1 * OLD.`entries` FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = OLD.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `entries` = `entries` + excluded.`entries`;
END;
--> statement-breakpoint
-- Anything that moves a customer's entries or path: their walks are worked out again before the next read. (No
-- INSERT OR IGNORE: an outer upsert's conflict policy would override it inside the trigger.)
CREATE TRIGGER IF NOT EXISTS `stage_funnel_history_insert` AFTER INSERT ON `stage_history` BEGIN
	INSERT INTO `stage_funnel_dirty` (`customer_id`) SELECT NEW.`customer_id` WHERE NOT EXISTS (SELECT 1 FROM `stage_funnel_dirty` d WHERE d.`customer_id` = NEW.`customer_id`);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_funnel_history_delete` AFTER DELETE ON `stage_history` BEGIN
	INSERT INTO `stage_funnel_dirty` (`customer_id`) SELECT OLD.`customer_id` WHERE NOT EXISTS (SELECT 1 FROM `stage_funnel_dirty` d WHERE d.`customer_id` = OLD.`customer_id`);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_funnel_history_update` AFTER UPDATE OF `customer_id`, `at`, `to_stage` ON `stage_history`
WHEN OLD.`customer_id` IS NOT NEW.`customer_id` OR OLD.`at` IS NOT NEW.`at` OR OLD.`to_stage` IS NOT NEW.`to_stage` BEGIN
	INSERT INTO `stage_funnel_dirty` (`customer_id`) SELECT OLD.`customer_id` WHERE NOT EXISTS (SELECT 1 FROM `stage_funnel_dirty` d WHERE d.`customer_id` = OLD.`customer_id`);
	INSERT INTO `stage_funnel_dirty` (`customer_id`) SELECT NEW.`customer_id` WHERE NOT EXISTS (SELECT 1 FROM `stage_funnel_dirty` d WHERE d.`customer_id` = NEW.`customer_id`);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_funnel_seen_update` AFTER UPDATE OF `first_seen_at` ON `customer_facts`
WHEN OLD.`first_seen_at` IS NOT NEW.`first_seen_at` BEGIN
	INSERT INTO `stage_funnel_dirty` (`customer_id`) SELECT NEW.`customer_id` WHERE NOT EXISTS (SELECT 1 FROM `stage_funnel_dirty` d WHERE d.`customer_id` = NEW.`customer_id`);
END;
--> statement-breakpoint
-- First-touch channel set, moved or deleted: the stored walks change keys (and the first-seen entry is worked out again).
CREATE TRIGGER IF NOT EXISTS `stage_funnel_facts_insert` AFTER INSERT ON `customer_facts` BEGIN
	INSERT INTO `stage_funnel_dirty` (`customer_id`) SELECT NEW.`customer_id` WHERE NOT EXISTS (SELECT 1 FROM `stage_funnel_dirty` d WHERE d.`customer_id` = NEW.`customer_id`);
	INSERT INTO `stage_funnel_keyed` (`segment_id`, `channel`, `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`, `entries`)
	SELECT k.s, k.ch, r.`start_stage`, r.`track`, r.`day`, r.`prev_day`, r.`step`, r.`bucket`, 1 * sum(r.`entries`) FROM (SELECT '' AS s, NEW.`channel` AS ch WHERE NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, NEW.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL) k JOIN `stage_funnel_reach` r ON r.`customer_id` = NEW.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT DO UPDATE SET `entries` = `entries` + excluded.`entries`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_funnel_facts_delete` AFTER DELETE ON `customer_facts` BEGIN
	INSERT INTO `stage_funnel_dirty` (`customer_id`) SELECT OLD.`customer_id` WHERE NOT EXISTS (SELECT 1 FROM `stage_funnel_dirty` d WHERE d.`customer_id` = OLD.`customer_id`);
	INSERT INTO `stage_funnel_keyed` (`segment_id`, `channel`, `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`, `entries`)
	SELECT k.s, k.ch, r.`start_stage`, r.`track`, r.`day`, r.`prev_day`, r.`step`, r.`bucket`, -1 * sum(r.`entries`) FROM (SELECT '' AS s, OLD.`channel` AS ch WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, OLD.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL) k JOIN `stage_funnel_reach` r ON r.`customer_id` = OLD.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT DO UPDATE SET `entries` = `entries` + excluded.`entries`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_funnel_facts_channel` AFTER UPDATE OF `channel` ON `customer_facts`
WHEN OLD.`channel` IS NOT NEW.`channel` BEGIN
	INSERT INTO `stage_funnel_keyed` (`segment_id`, `channel`, `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`, `entries`)
	SELECT k.s, k.ch, r.`start_stage`, r.`track`, r.`day`, r.`prev_day`, r.`step`, r.`bucket`, -1 * sum(r.`entries`) FROM (SELECT '' AS s, OLD.`channel` AS ch WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, OLD.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL) k JOIN `stage_funnel_reach` r ON r.`customer_id` = OLD.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT DO UPDATE SET `entries` = `entries` + excluded.`entries`;
	INSERT INTO `stage_funnel_keyed` (`segment_id`, `channel`, `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`, `entries`)
	SELECT k.s, k.ch, r.`start_stage`, r.`track`, r.`day`, r.`prev_day`, r.`step`, r.`bucket`, 1 * sum(r.`entries`) FROM (SELECT '' AS s, NEW.`channel` AS ch WHERE NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, NEW.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL) k JOIN `stage_funnel_reach` r ON r.`customer_id` = NEW.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT DO UPDATE SET `entries` = `entries` + excluded.`entries`;
END;
--> statement-breakpoint
-- A customer joins or leaves a segment (one by one, or set-based when a segment is saved).
CREATE TRIGGER IF NOT EXISTS `stage_funnel_member_insert` AFTER INSERT ON `segment_memberships` BEGIN
	INSERT INTO `stage_funnel_keyed` (`segment_id`, `channel`, `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`, `entries`)
	SELECT k.s, k.ch, r.`start_stage`, r.`track`, r.`day`, r.`prev_day`, r.`step`, r.`bucket`, 1 * sum(r.`entries`) FROM (SELECT NEW.`segment_id` AS s, '' AS ch UNION ALL SELECT NEW.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = NEW.`customer_id` AND f.`channel` IS NOT NULL) k JOIN `stage_funnel_reach` r ON r.`customer_id` = NEW.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT DO UPDATE SET `entries` = `entries` + excluded.`entries`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_funnel_member_delete` AFTER DELETE ON `segment_memberships` BEGIN
	INSERT INTO `stage_funnel_keyed` (`segment_id`, `channel`, `start_stage`, `track`, `day`, `prev_day`, `step`, `bucket`, `entries`)
	SELECT k.s, k.ch, r.`start_stage`, r.`track`, r.`day`, r.`prev_day`, r.`step`, r.`bucket`, -1 * sum(r.`entries`) FROM (SELECT OLD.`segment_id` AS s, '' AS ch UNION ALL SELECT OLD.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = OLD.`customer_id` AND f.`channel` IS NOT NULL) k JOIN `stage_funnel_reach` r ON r.`customer_id` = OLD.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT DO UPDATE SET `entries` = `entries` + excluded.`entries`;
END;
