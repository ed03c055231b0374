-- Stage figures filtered by segment, by channel or by both, without walking the stage history of the filtered customers.
-- Each table is keyed by (`segment_id`, `channel`): ('', channel) counts the customers whose first-touch channel it
-- is, (segment, '') the segment's members, (segment, channel) the members of that channel. ('', '') — everyone — is
-- kept where the unfiltered view has no cheaper source (customers per stage now, first seen per day, stays); moves
-- unfiltered stay in `stage_flow_daily`. Triggers keep the three tables equal to their definition whichever way a
-- row changes (a stage move, a segment join or leave — one by one or set-based —, a first-touch channel or first-seen
-- day moved by a backfilled event, a merge, a deletion): each trigger takes the old row's share out and adds the new
-- row's, reading the other tables as they are, so the order in which a customer's rows go does not matter.
CREATE TABLE IF NOT EXISTS `stage_now_keyed` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`stage` text NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY(`segment_id`, `channel`, `stage`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `stage_moves_keyed` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`day` text NOT NULL,
	`from_stage` text NOT NULL,
	`to_stage` text NOT NULL,
	`moves` integer NOT NULL,
	PRIMARY KEY(`segment_id`, `channel`, `day`, `from_stage`, `to_stage`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `stage_seen_keyed` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`day` text NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY(`segment_id`, `channel`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The filter keys a customer counts under (no key at all without a channel or a segment).
CREATE VIEW IF NOT EXISTS `stage_customer_keys` AS
SELECT f.`customer_id`, '' AS `segment_id`, f.`channel` AS `channel` FROM `customer_facts` f WHERE f.`channel` IS NOT NULL
UNION ALL SELECT m.`customer_id`, m.`segment_id`, '' FROM `segment_memberships` m
UNION ALL SELECT m.`customer_id`, m.`segment_id`, f.`channel` FROM `segment_memberships` m JOIN `customer_facts` f ON f.`customer_id` = m.`customer_id` WHERE f.`channel` IS NOT NULL;
--> statement-breakpoint
-- Backfill from the rows already stored (set-based).
INSERT OR REPLACE INTO `stage_now_keyed` (`segment_id`, `channel`, `stage`, `customers`)
SELECT k.`segment_id`, k.`channel`, coalesce(c.`lifecycle_stage`, ''), count(*) FROM `stage_customer_keys` k JOIN `customers` c ON c.`id` = k.`customer_id` GROUP BY 1, 2, 3
UNION ALL SELECT '', '', coalesce(`lifecycle_stage`, ''), count(*) FROM `customers` GROUP BY 3;
--> statement-breakpoint
INSERT OR REPLACE INTO `stage_moves_keyed` (`segment_id`, `channel`, `day`, `from_stage`, `to_stage`, `moves`)
SELECT k.`segment_id`, k.`channel`, substr(h.`at`, 1, 10), coalesce(h.`from_stage`, ''), h.`to_stage`, count(*)
FROM `stage_customer_keys` k JOIN `stage_history` h ON h.`customer_id` = k.`customer_id` GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT OR REPLACE INTO `stage_seen_keyed` (`segment_id`, `channel`, `day`, `customers`)
SELECT k.`segment_id`, k.`channel`, substr(f.`first_seen_at`, 1, 10), count(*) FROM `stage_customer_keys` k JOIN `customer_facts` f ON f.`customer_id` = k.`customer_id` GROUP BY 1, 2, 3
UNION ALL SELECT '', '', substr(`first_seen_at`, 1, 10), count(*) FROM `customer_facts` GROUP BY 3;
--> statement-breakpoint
-- A stage move (changeStage), a history row deleted with its customer, or moved to another by a merge.
CREATE TRIGGER IF NOT EXISTS `stage_keyed_history_insert` AFTER INSERT ON `stage_history` BEGIN
	INSERT INTO `stage_moves_keyed` (`segment_id`, `channel`, `day`, `from_stage`, `to_stage`, `moves`)
	SELECT k.`segment_id`, k.`channel`, substr(NEW.`at`, 1, 10), coalesce(NEW.`from_stage`, ''), NEW.`to_stage`, 1 FROM `stage_customer_keys` k WHERE k.`customer_id` = NEW.`customer_id`
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_keyed_history_delete` AFTER DELETE ON `stage_history` BEGIN
	INSERT INTO `stage_moves_keyed` (`segment_id`, `channel`, `day`, `from_stage`, `to_stage`, `moves`)
	SELECT k.`segment_id`, k.`channel`, substr(OLD.`at`, 1, 10), coalesce(OLD.`from_stage`, ''), OLD.`to_stage`, -1 FROM `stage_customer_keys` k WHERE k.`customer_id` = OLD.`customer_id`
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_keyed_history_update` AFTER UPDATE OF `customer_id`, `at`, `from_stage`, `to_stage` ON `stage_history`
WHEN OLD.`customer_id` IS NOT NEW.`customer_id` OR OLD.`at` IS NOT NEW.`at` OR OLD.`from_stage` IS NOT NEW.`from_stage` OR OLD.`to_stage` IS NOT NEW.`to_stage` BEGIN
	INSERT INTO `stage_moves_keyed` (`segment_id`, `channel`, `day`, `from_stage`, `to_stage`, `moves`)
	SELECT k.`segment_id`, k.`channel`, substr(OLD.`at`, 1, 10), coalesce(OLD.`from_stage`, ''), OLD.`to_stage`, -1 FROM `stage_customer_keys` k WHERE k.`customer_id` = OLD.`customer_id`
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
	INSERT INTO `stage_moves_keyed` (`segment_id`, `channel`, `day`, `from_stage`, `to_stage`, `moves`)
	SELECT k.`segment_id`, k.`channel`, substr(NEW.`at`, 1, 10), coalesce(NEW.`from_stage`, ''), NEW.`to_stage`, 1 FROM `stage_customer_keys` k WHERE k.`customer_id` = NEW.`customer_id`
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
END;
--> statement-breakpoint
-- A customer's current stage.
CREATE TRIGGER IF NOT EXISTS `stage_keyed_customer_insert` AFTER INSERT ON `customers` BEGIN
	INSERT INTO `stage_now_keyed` (`segment_id`, `channel`, `stage`, `customers`)
	SELECT k.`segment_id`, k.`channel`, coalesce(NEW.`lifecycle_stage`, ''), 1 FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = NEW.`id`) k WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_keyed_customer_delete` AFTER DELETE ON `customers` BEGIN
	INSERT INTO `stage_now_keyed` (`segment_id`, `channel`, `stage`, `customers`)
	SELECT k.`segment_id`, k.`channel`, coalesce(OLD.`lifecycle_stage`, ''), -1 FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = OLD.`id`) k WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_keyed_customer_stage` AFTER UPDATE OF `lifecycle_stage` ON `customers`
WHEN OLD.`lifecycle_stage` IS NOT NEW.`lifecycle_stage` BEGIN
	INSERT INTO `stage_now_keyed` (`segment_id`, `channel`, `stage`, `customers`)
	SELECT k.`segment_id`, k.`channel`, coalesce(OLD.`lifecycle_stage`, ''), -1 FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = OLD.`id`) k WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `stage_now_keyed` (`segment_id`, `channel`, `stage`, `customers`)
	SELECT k.`segment_id`, k.`channel`, coalesce(NEW.`lifecycle_stage`, ''), 1 FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = NEW.`id`) k WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- A customer joins or leaves a segment (one by one, or set-based when a segment is saved).
CREATE TRIGGER IF NOT EXISTS `stage_keyed_member_insert` AFTER INSERT ON `segment_memberships` BEGIN
	INSERT INTO `stage_now_keyed` (`segment_id`, `channel`, `stage`, `customers`)
	SELECT k.s, k.ch, coalesce(c.`lifecycle_stage`, ''), 1 FROM (SELECT NEW.`segment_id` AS s, '' AS ch UNION ALL SELECT NEW.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = NEW.`customer_id` AND f.`channel` IS NOT NULL) k JOIN `customers` c ON c.`id` = NEW.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `stage_moves_keyed` (`segment_id`, `channel`, `day`, `from_stage`, `to_stage`, `moves`)
	SELECT k.s, k.ch, substr(h.`at`, 1, 10), coalesce(h.`from_stage`, ''), h.`to_stage`, 1 * count(*) FROM (SELECT NEW.`segment_id` AS s, '' AS ch UNION ALL SELECT NEW.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = NEW.`customer_id` AND f.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = NEW.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
	INSERT INTO `stage_seen_keyed` (`segment_id`, `channel`, `day`, `customers`)
	SELECT k.s, k.ch, substr(f.`first_seen_at`, 1, 10), 1 FROM (SELECT NEW.`segment_id` AS s, '' AS ch UNION ALL SELECT NEW.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = NEW.`customer_id` AND f.`channel` IS NOT NULL) k JOIN `customer_facts` f ON f.`customer_id` = NEW.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_keyed_member_delete` AFTER DELETE ON `segment_memberships` BEGIN
	INSERT INTO `stage_now_keyed` (`segment_id`, `channel`, `stage`, `customers`)
	SELECT k.s, k.ch, coalesce(c.`lifecycle_stage`, ''), -1 FROM (SELECT OLD.`segment_id` AS s, '' AS ch UNION ALL SELECT OLD.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = OLD.`customer_id` AND f.`channel` IS NOT NULL) k JOIN `customers` c ON c.`id` = OLD.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `stage_moves_keyed` (`segment_id`, `channel`, `day`, `from_stage`, `to_stage`, `moves`)
	SELECT k.s, k.ch, substr(h.`at`, 1, 10), coalesce(h.`from_stage`, ''), h.`to_stage`, -1 * count(*) FROM (SELECT OLD.`segment_id` AS s, '' AS ch UNION ALL SELECT OLD.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = OLD.`customer_id` AND f.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = OLD.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
	INSERT INTO `stage_seen_keyed` (`segment_id`, `channel`, `day`, `customers`)
	SELECT k.s, k.ch, substr(f.`first_seen_at`, 1, 10), -1 FROM (SELECT OLD.`segment_id` AS s, '' AS ch UNION ALL SELECT OLD.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = OLD.`customer_id` AND f.`channel` IS NOT NULL) k JOIN `customer_facts` f ON f.`customer_id` = OLD.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- First seen and first-touch channel: set by the first event, moved by a backfilled earlier one, deleted with the customer.
CREATE TRIGGER IF NOT EXISTS `stage_keyed_facts_insert` AFTER INSERT ON `customer_facts` BEGIN
	INSERT INTO `stage_now_keyed` (`segment_id`, `channel`, `stage`, `customers`)
	SELECT k.s, k.ch, coalesce(c.`lifecycle_stage`, ''), 1 FROM (SELECT '' AS s, NEW.`channel` AS ch WHERE NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, NEW.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL) k JOIN `customers` c ON c.`id` = NEW.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `stage_moves_keyed` (`segment_id`, `channel`, `day`, `from_stage`, `to_stage`, `moves`)
	SELECT k.s, k.ch, substr(h.`at`, 1, 10), coalesce(h.`from_stage`, ''), h.`to_stage`, 1 * count(*) FROM (SELECT '' AS s, NEW.`channel` AS ch WHERE NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, NEW.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = NEW.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
	INSERT INTO `stage_seen_keyed` (`segment_id`, `channel`, `day`, `customers`)
	SELECT k.s, k.ch, substr(NEW.`first_seen_at`, 1, 10), 1 FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT '' AS s, NEW.`channel` AS ch WHERE NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, NEW.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, '' FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_keyed_facts_delete` AFTER DELETE ON `customer_facts` BEGIN
	INSERT INTO `stage_now_keyed` (`segment_id`, `channel`, `stage`, `customers`)
	SELECT k.s, k.ch, coalesce(c.`lifecycle_stage`, ''), -1 FROM (SELECT '' AS s, OLD.`channel` AS ch WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, OLD.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL) k JOIN `customers` c ON c.`id` = OLD.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `stage_moves_keyed` (`segment_id`, `channel`, `day`, `from_stage`, `to_stage`, `moves`)
	SELECT k.s, k.ch, substr(h.`at`, 1, 10), coalesce(h.`from_stage`, ''), h.`to_stage`, -1 * count(*) FROM (SELECT '' AS s, OLD.`channel` AS ch WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, OLD.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = OLD.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
	INSERT INTO `stage_seen_keyed` (`segment_id`, `channel`, `day`, `customers`)
	SELECT k.s, k.ch, substr(OLD.`first_seen_at`, 1, 10), -1 FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT '' AS s, OLD.`channel` AS ch WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, OLD.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, '' FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_keyed_facts_update` AFTER UPDATE OF `first_seen_at`, `channel` ON `customer_facts`
WHEN OLD.`channel` IS NOT NEW.`channel` OR substr(OLD.`first_seen_at`, 1, 10) IS NOT substr(NEW.`first_seen_at`, 1, 10) BEGIN
	INSERT INTO `stage_now_keyed` (`segment_id`, `channel`, `stage`, `customers`)
	SELECT k.s, k.ch, coalesce(c.`lifecycle_stage`, ''), -1 FROM (SELECT '' AS s, OLD.`channel` AS ch WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, OLD.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL) k JOIN `customers` c ON c.`id` = OLD.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `stage_moves_keyed` (`segment_id`, `channel`, `day`, `from_stage`, `to_stage`, `moves`)
	SELECT k.s, k.ch, substr(h.`at`, 1, 10), coalesce(h.`from_stage`, ''), h.`to_stage`, -1 * count(*) FROM (SELECT '' AS s, OLD.`channel` AS ch WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, OLD.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = OLD.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
	INSERT INTO `stage_seen_keyed` (`segment_id`, `channel`, `day`, `customers`)
	SELECT k.s, k.ch, substr(OLD.`first_seen_at`, 1, 10), -1 FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT '' AS s, OLD.`channel` AS ch WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, OLD.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, '' FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `stage_now_keyed` (`segment_id`, `channel`, `stage`, `customers`)
	SELECT k.s, k.ch, coalesce(c.`lifecycle_stage`, ''), 1 FROM (SELECT '' AS s, NEW.`channel` AS ch WHERE NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, NEW.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL) k JOIN `customers` c ON c.`id` = NEW.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
	INSERT INTO `stage_moves_keyed` (`segment_id`, `channel`, `day`, `from_stage`, `to_stage`, `moves`)
	SELECT k.s, k.ch, substr(h.`at`, 1, 10), coalesce(h.`from_stage`, ''), h.`to_stage`, 1 * count(*) FROM (SELECT '' AS s, NEW.`channel` AS ch WHERE NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, NEW.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = NEW.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
	INSERT INTO `stage_seen_keyed` (`segment_id`, `channel`, `day`, `customers`)
	SELECT k.s, k.ch, substr(NEW.`first_seen_at`, 1, 10), 1 FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT '' AS s, NEW.`channel` AS ch WHERE NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, NEW.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, '' FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`;
END;
--> statement-breakpoint
-- Time in stage. Stays that ended, per UTC day they ended and duration bucket: bucket 0 is under a minute, bucket b
-- ≥ 1 holds [1 min · 1.05^(b−1), 1 min · 1.05^b) — 5% wide, so a median or p90 read from it is within 5% (linear
-- inside the bucket). Every stay by the day it began and the day it ended ('' while it lasts): the stays going on at
-- any moment, with their start to the day. Keyed like the tables above, and ('', '') for the unfiltered view.
CREATE TABLE IF NOT EXISTS `stage_stays_ended_keyed` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`day` text NOT NULL,
	`stage` text NOT NULL,
	`bucket` integer NOT NULL,
	`stays` integer NOT NULL,
	PRIMARY KEY(`segment_id`, `channel`, `day`, `stage`, `bucket`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `stage_stays_begun_keyed` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`left_day` text NOT NULL,
	`stage` text NOT NULL,
	`start_day` text NOT NULL,
	`stays` integer NOT NULL,
	PRIMARY KEY(`segment_id`, `channel`, `left_day`, `stage`, `start_day`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT OR REPLACE INTO `stage_stays_ended_keyed` (`segment_id`, `channel`, `day`, `stage`, `bucket`, `stays`)
SELECT h.`segment_id`, h.`channel`, substr(h.`left_at`, 1, 10), h.`to_stage`, CASE WHEN (julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 < 60000 THEN 0 ELSE 1 + CAST(ln((julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 / 60000.0) / ln(1.05) AS INTEGER) END, count(*)
FROM (SELECT h.*, '' AS `segment_id`, '' AS `channel` FROM `stage_history` h
      UNION ALL SELECT h.*, k.`segment_id`, k.`channel` FROM `stage_customer_keys` k JOIN `stage_history` h ON h.`customer_id` = k.`customer_id`) h WHERE h.`left_at` IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT OR REPLACE INTO `stage_stays_begun_keyed` (`segment_id`, `channel`, `left_day`, `stage`, `start_day`, `stays`)
SELECT h.`segment_id`, h.`channel`, coalesce(substr(h.`left_at`, 1, 10), ''), h.`to_stage`, substr(h.`at`, 1, 10), count(*)
FROM (SELECT h.*, '' AS `segment_id`, '' AS `channel` FROM `stage_history` h
      UNION ALL SELECT h.*, k.`segment_id`, k.`channel` FROM `stage_customer_keys` k JOIN `stage_history` h ON h.`customer_id` = k.`customer_id`) h GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- A stay begins (changeStage inserts the row), ends (changeStage sets `left_at`), moves (merge) or goes (deletion).
CREATE TRIGGER IF NOT EXISTS `stage_stays_history_insert` AFTER INSERT ON `stage_history` BEGIN
	INSERT INTO `stage_stays_begun_keyed` (`segment_id`, `channel`, `left_day`, `stage`, `start_day`, `stays`)
	SELECT k.s, k.ch, coalesce(substr(NEW.`left_at`, 1, 10), ''), NEW.`to_stage`, substr(NEW.`at`, 1, 10), 1 FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = NEW.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
	INSERT INTO `stage_stays_ended_keyed` (`segment_id`, `channel`, `day`, `stage`, `bucket`, `stays`)
	SELECT k.s, k.ch, substr(NEW.`left_at`, 1, 10), NEW.`to_stage`, CASE WHEN (julianday(NEW.`left_at`) - julianday(NEW.`at`)) * 86400000.0 < 60000 THEN 0 ELSE 1 + CAST(ln((julianday(NEW.`left_at`) - julianday(NEW.`at`)) * 86400000.0 / 60000.0) / ln(1.05) AS INTEGER) END, 1 FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = NEW.`customer_id`) k WHERE NEW.`left_at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_stays_history_delete` AFTER DELETE ON `stage_history` BEGIN
	INSERT INTO `stage_stays_begun_keyed` (`segment_id`, `channel`, `left_day`, `stage`, `start_day`, `stays`)
	SELECT k.s, k.ch, coalesce(substr(OLD.`left_at`, 1, 10), ''), OLD.`to_stage`, substr(OLD.`at`, 1, 10), -1 FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = OLD.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
	INSERT INTO `stage_stays_ended_keyed` (`segment_id`, `channel`, `day`, `stage`, `bucket`, `stays`)
	SELECT k.s, k.ch, substr(OLD.`left_at`, 1, 10), OLD.`to_stage`, CASE WHEN (julianday(OLD.`left_at`) - julianday(OLD.`at`)) * 86400000.0 < 60000 THEN 0 ELSE 1 + CAST(ln((julianday(OLD.`left_at`) - julianday(OLD.`at`)) * 86400000.0 / 60000.0) / ln(1.05) AS INTEGER) END, -1 FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = OLD.`customer_id`) k WHERE OLD.`left_at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_stays_history_update` AFTER UPDATE OF `customer_id`, `at`, `to_stage`, `left_at` ON `stage_history`
WHEN OLD.`customer_id` IS NOT NEW.`customer_id` OR OLD.`at` IS NOT NEW.`at` OR OLD.`to_stage` IS NOT NEW.`to_stage` OR OLD.`left_at` IS NOT NEW.`left_at` BEGIN
	INSERT INTO `stage_stays_begun_keyed` (`segment_id`, `channel`, `left_day`, `stage`, `start_day`, `stays`)
	SELECT k.s, k.ch, coalesce(substr(OLD.`left_at`, 1, 10), ''), OLD.`to_stage`, substr(OLD.`at`, 1, 10), -1 FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = OLD.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
	INSERT INTO `stage_stays_ended_keyed` (`segment_id`, `channel`, `day`, `stage`, `bucket`, `stays`)
	SELECT k.s, k.ch, substr(OLD.`left_at`, 1, 10), OLD.`to_stage`, CASE WHEN (julianday(OLD.`left_at`) - julianday(OLD.`at`)) * 86400000.0 < 60000 THEN 0 ELSE 1 + CAST(ln((julianday(OLD.`left_at`) - julianday(OLD.`at`)) * 86400000.0 / 60000.0) / ln(1.05) AS INTEGER) END, -1 FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = OLD.`customer_id`) k WHERE OLD.`left_at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
	INSERT INTO `stage_stays_begun_keyed` (`segment_id`, `channel`, `left_day`, `stage`, `start_day`, `stays`)
	SELECT k.s, k.ch, coalesce(substr(NEW.`left_at`, 1, 10), ''), NEW.`to_stage`, substr(NEW.`at`, 1, 10), 1 FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = NEW.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
	INSERT INTO `stage_stays_ended_keyed` (`segment_id`, `channel`, `day`, `stage`, `bucket`, `stays`)
	SELECT k.s, k.ch, substr(NEW.`left_at`, 1, 10), NEW.`to_stage`, CASE WHEN (julianday(NEW.`left_at`) - julianday(NEW.`at`)) * 86400000.0 < 60000 THEN 0 ELSE 1 + CAST(ln((julianday(NEW.`left_at`) - julianday(NEW.`at`)) * 86400000.0 / 60000.0) / ln(1.05) AS INTEGER) END, 1 FROM (SELECT '' AS s, '' AS ch UNION ALL SELECT v.`segment_id`, v.`channel` FROM `stage_customer_keys` v WHERE v.`customer_id` = NEW.`customer_id`) k WHERE NEW.`left_at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
END;
--> statement-breakpoint
-- A customer's stays count under a segment while they are a member, under a channel while it is their first touch.
CREATE TRIGGER IF NOT EXISTS `stage_stays_member_insert` AFTER INSERT ON `segment_memberships` BEGIN
	INSERT INTO `stage_stays_begun_keyed` (`segment_id`, `channel`, `left_day`, `stage`, `start_day`, `stays`)
	SELECT k.s, k.ch, coalesce(substr(h.`left_at`, 1, 10), ''), h.`to_stage`, substr(h.`at`, 1, 10), 1 * count(*) FROM (SELECT NEW.`segment_id` AS s, '' AS ch UNION ALL SELECT NEW.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = NEW.`customer_id` AND f.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = NEW.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
	INSERT INTO `stage_stays_ended_keyed` (`segment_id`, `channel`, `day`, `stage`, `bucket`, `stays`)
	SELECT k.s, k.ch, substr(h.`left_at`, 1, 10), h.`to_stage`, CASE WHEN (julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 < 60000 THEN 0 ELSE 1 + CAST(ln((julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 / 60000.0) / ln(1.05) AS INTEGER) END, 1 * count(*) FROM (SELECT NEW.`segment_id` AS s, '' AS ch UNION ALL SELECT NEW.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = NEW.`customer_id` AND f.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = NEW.`customer_id` WHERE h.`left_at` IS NOT NULL GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_stays_member_delete` AFTER DELETE ON `segment_memberships` BEGIN
	INSERT INTO `stage_stays_begun_keyed` (`segment_id`, `channel`, `left_day`, `stage`, `start_day`, `stays`)
	SELECT k.s, k.ch, coalesce(substr(h.`left_at`, 1, 10), ''), h.`to_stage`, substr(h.`at`, 1, 10), -1 * count(*) FROM (SELECT OLD.`segment_id` AS s, '' AS ch UNION ALL SELECT OLD.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = OLD.`customer_id` AND f.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = OLD.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
	INSERT INTO `stage_stays_ended_keyed` (`segment_id`, `channel`, `day`, `stage`, `bucket`, `stays`)
	SELECT k.s, k.ch, substr(h.`left_at`, 1, 10), h.`to_stage`, CASE WHEN (julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 < 60000 THEN 0 ELSE 1 + CAST(ln((julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 / 60000.0) / ln(1.05) AS INTEGER) END, -1 * count(*) FROM (SELECT OLD.`segment_id` AS s, '' AS ch UNION ALL SELECT OLD.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = OLD.`customer_id` AND f.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = OLD.`customer_id` WHERE h.`left_at` IS NOT NULL GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_stays_facts_insert` AFTER INSERT ON `customer_facts` BEGIN
	INSERT INTO `stage_stays_begun_keyed` (`segment_id`, `channel`, `left_day`, `stage`, `start_day`, `stays`)
	SELECT k.s, k.ch, coalesce(substr(h.`left_at`, 1, 10), ''), h.`to_stage`, substr(h.`at`, 1, 10), 1 * count(*) FROM (SELECT '' AS s, NEW.`channel` AS ch WHERE NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, NEW.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = NEW.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
	INSERT INTO `stage_stays_ended_keyed` (`segment_id`, `channel`, `day`, `stage`, `bucket`, `stays`)
	SELECT k.s, k.ch, substr(h.`left_at`, 1, 10), h.`to_stage`, CASE WHEN (julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 < 60000 THEN 0 ELSE 1 + CAST(ln((julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 / 60000.0) / ln(1.05) AS INTEGER) END, 1 * count(*) FROM (SELECT '' AS s, NEW.`channel` AS ch WHERE NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, NEW.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = NEW.`customer_id` WHERE h.`left_at` IS NOT NULL GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_stays_facts_delete` AFTER DELETE ON `customer_facts` BEGIN
	INSERT INTO `stage_stays_begun_keyed` (`segment_id`, `channel`, `left_day`, `stage`, `start_day`, `stays`)
	SELECT k.s, k.ch, coalesce(substr(h.`left_at`, 1, 10), ''), h.`to_stage`, substr(h.`at`, 1, 10), -1 * count(*) FROM (SELECT '' AS s, OLD.`channel` AS ch WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, OLD.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = OLD.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
	INSERT INTO `stage_stays_ended_keyed` (`segment_id`, `channel`, `day`, `stage`, `bucket`, `stays`)
	SELECT k.s, k.ch, substr(h.`left_at`, 1, 10), h.`to_stage`, CASE WHEN (julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 < 60000 THEN 0 ELSE 1 + CAST(ln((julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 / 60000.0) / ln(1.05) AS INTEGER) END, -1 * count(*) FROM (SELECT '' AS s, OLD.`channel` AS ch WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, OLD.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = OLD.`customer_id` WHERE h.`left_at` IS NOT NULL GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `stage_stays_facts_update` AFTER UPDATE OF `channel` ON `customer_facts` WHEN OLD.`channel` IS NOT NEW.`channel` BEGIN
	INSERT INTO `stage_stays_begun_keyed` (`segment_id`, `channel`, `left_day`, `stage`, `start_day`, `stays`)
	SELECT k.s, k.ch, coalesce(substr(h.`left_at`, 1, 10), ''), h.`to_stage`, substr(h.`at`, 1, 10), -1 * count(*) FROM (SELECT '' AS s, OLD.`channel` AS ch WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, OLD.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = OLD.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
	INSERT INTO `stage_stays_ended_keyed` (`segment_id`, `channel`, `day`, `stage`, `bucket`, `stays`)
	SELECT k.s, k.ch, substr(h.`left_at`, 1, 10), h.`to_stage`, CASE WHEN (julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 < 60000 THEN 0 ELSE 1 + CAST(ln((julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 / 60000.0) / ln(1.05) AS INTEGER) END, -1 * count(*) FROM (SELECT '' AS s, OLD.`channel` AS ch WHERE OLD.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, OLD.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = OLD.`customer_id` AND OLD.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = OLD.`customer_id` WHERE h.`left_at` IS NOT NULL GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
	INSERT INTO `stage_stays_begun_keyed` (`segment_id`, `channel`, `left_day`, `stage`, `start_day`, `stays`)
	SELECT k.s, k.ch, coalesce(substr(h.`left_at`, 1, 10), ''), h.`to_stage`, substr(h.`at`, 1, 10), 1 * count(*) FROM (SELECT '' AS s, NEW.`channel` AS ch WHERE NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, NEW.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = NEW.`customer_id` WHERE true GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
	INSERT INTO `stage_stays_ended_keyed` (`segment_id`, `channel`, `day`, `stage`, `bucket`, `stays`)
	SELECT k.s, k.ch, substr(h.`left_at`, 1, 10), h.`to_stage`, CASE WHEN (julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 < 60000 THEN 0 ELSE 1 + CAST(ln((julianday(h.`left_at`) - julianday(h.`at`)) * 86400000.0 / 60000.0) / ln(1.05) AS INTEGER) END, 1 * count(*) FROM (SELECT '' AS s, NEW.`channel` AS ch WHERE NEW.`channel` IS NOT NULL UNION ALL SELECT m.`segment_id`, NEW.`channel` FROM `segment_memberships` m WHERE m.`customer_id` = NEW.`customer_id` AND NEW.`channel` IS NOT NULL) k JOIN `stage_history` h ON h.`customer_id` = NEW.`customer_id` WHERE h.`left_at` IS NOT NULL GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `stays` = `stays` + excluded.`stays`;
END;
