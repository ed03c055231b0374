-- Health figures filtered by segment, by channel or by both, without reading the filtered customers' scores or history.
-- Each table is keyed by (`segment_id`, `channel`) with '' for "any": ('', '') is everyone, ('', channel) the customers
-- whose first-touch channel it is, (segment, '') the segment's members, (segment, channel) both.
--   health_now_keyed     customers scored and the sum of their current scores, per stage and band (bands now, the
--                        average score, the average by stage and by channel);
--   health_member_keyed  the same per segment the customers belong to (the average by segment, filtered too);
--   health_moves_keyed   band moves per UTC day, from → to ('' = a first score) (bands over time, transitions).
-- Triggers keep them equal to their definition whichever way a row changes — a rescore, a first score, a forgotten
-- customer, a stage move, a segment join or leave (one by one or set-based), a first-touch channel set or moved —, so
-- they hold whoever writes the scores: each trigger takes the old row's share out and adds the new row's, reading the
-- other tables as they are, so the order in which a customer's rows go does not matter.
CREATE TABLE IF NOT EXISTS `health_now_keyed` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`stage` text NOT NULL,
	`band` text NOT NULL,
	`customers` integer NOT NULL,
	`score_total` integer NOT NULL,
	PRIMARY KEY(`segment_id`, `channel`, `stage`, `band`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `health_member_keyed` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`member_of` text NOT NULL,
	`customers` integer NOT NULL,
	`score_total` integer NOT NULL,
	PRIMARY KEY(`segment_id`, `channel`, `member_of`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `health_moves_keyed` (
	`segment_id` text NOT NULL,
	`channel` text NOT NULL,
	`day` text NOT NULL,
	`from_band` text NOT NULL,
	`to_band` text NOT NULL,
	`moves` integer NOT NULL,
	PRIMARY KEY(`segment_id`, `channel`, `day`, `from_band`, `to_band`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The filter keys a customer counts under besides everyone ('', ''): the same keys as the stage rollups (0028).
CREATE VIEW IF NOT EXISTS `health_customer_keys` AS
SELECT f.`customer_id`, '' AS `segment_id`, f.`channel` AS `channel` FROM `customer_facts` f WHERE f.`channel` IS NOT NULL
UNION ALL SELECT m.`customer_id`, m.`segment_id`, '' FROM `segment_memberships` m
UNION ALL SELECT m.`customer_id`, m.`segment_id`, f.`channel` FROM `segment_memberships` m JOIN `customer_facts` f ON f.`customer_id` = m.`customer_id` WHERE f.`channel` IS NOT NULL;
--> statement-breakpoint
-- Backfill from the rows already stored (set-based). A score without a customers row counts under stage ''.
INSERT OR REPLACE INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
SELECT k.`segment_id`, k.`channel`, coalesce(c.`lifecycle_stage`, ''), h.`band`, count(*), sum(h.`score`)
FROM (SELECT `customer_id`, '' AS `segment_id`, '' AS `channel` FROM `customer_health` UNION ALL SELECT `customer_id`, `segment_id`, `channel` FROM `health_customer_keys`) k
JOIN `customer_health` h ON h.`customer_id` = k.`customer_id` LEFT JOIN `customers` c ON c.`id` = k.`customer_id` GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT OR REPLACE INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
SELECT k.`segment_id`, k.`channel`, g.`segment_id`, count(*), sum(h.`score`)
FROM (SELECT `customer_id`, '' AS `segment_id`, '' AS `channel` FROM `customer_health` UNION ALL SELECT `customer_id`, `segment_id`, `channel` FROM `health_customer_keys`) k
JOIN `segment_memberships` g ON g.`customer_id` = k.`customer_id` JOIN `customer_health` h ON h.`customer_id` = k.`customer_id` GROUP BY 1, 2, 3;
--> statement-breakpoint
-- The band moves are read through health_history_moves (0031: its WHERE word for word), never the score changes, and
-- each move probes its customer's channel and memberships (the view as the outer loop would read every key's history).
INSERT OR REPLACE INTO `health_moves_keyed` (`segment_id`, `channel`, `day`, `from_band`, `to_band`, `moves`)
SELECT `segment_id`, `channel`, `day`, `from_band`, `to_band`, count(*) FROM (
	SELECT '' AS `segment_id`, '' AS `channel`, substr(v.`at`, 1, 10) AS `day`, coalesce(v.`from_band`, '') AS `from_band`, v.`band` AS `to_band`
	FROM `health_history` v INDEXED BY `health_history_moves` WHERE v.`band` IS NOT v.`from_band`
	UNION ALL SELECT '', f.`channel`, substr(v.`at`, 1, 10), coalesce(v.`from_band`, ''), v.`band`
	FROM `health_history` v INDEXED BY `health_history_moves` JOIN `customer_facts` f ON f.`customer_id` = v.`customer_id` WHERE v.`band` IS NOT v.`from_band` AND f.`channel` IS NOT NULL
	UNION ALL SELECT m.`segment_id`, '', substr(v.`at`, 1, 10), coalesce(v.`from_band`, ''), v.`band`
	FROM `health_history` v INDEXED BY `health_history_moves` JOIN `segment_memberships` m ON m.`customer_id` = v.`customer_id` WHERE v.`band` IS NOT v.`from_band`
	UNION ALL SELECT m.`segment_id`, f.`channel`, substr(v.`at`, 1, 10), coalesce(v.`from_band`, ''), v.`band`
	FROM `health_history` v INDEXED BY `health_history_moves` JOIN `segment_memberships` m ON m.`customer_id` = v.`customer_id` JOIN `customer_facts` f ON f.`customer_id` = v.`customer_id`
	WHERE v.`band` IS NOT v.`from_band` AND f.`channel` IS NOT NULL
) GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- A current score: a first score, a rescore within the band (one upsert per key), a band move, a forgotten customer.
CREATE TRIGGER IF NOT EXISTS `health_keyed_current_insert` AFTER INSERT ON `customer_health` BEGIN
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, coalesce((SELECT `lifecycle_stage` FROM `customers` WHERE `id` = NEW.`customer_id`), ''), NEW.`band`, 1, NEW.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = NEW.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, g.`segment_id`, 1, NEW.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = NEW.`customer_id`) k
	JOIN `segment_memberships` g ON g.`customer_id` = NEW.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `health_keyed_current_delete` AFTER DELETE ON `customer_health` BEGIN
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, coalesce((SELECT `lifecycle_stage` FROM `customers` WHERE `id` = OLD.`customer_id`), ''), OLD.`band`, -1, -OLD.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = OLD.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, g.`segment_id`, -1, -OLD.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = OLD.`customer_id`) k
	JOIN `segment_memberships` g ON g.`customer_id` = OLD.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
END;
--> statement-breakpoint
-- The common case on the ingest path: the score moved within its band — the count stays, the sum moves by the difference.
CREATE TRIGGER IF NOT EXISTS `health_keyed_current_rescored` AFTER UPDATE OF `score` ON `customer_health`
WHEN OLD.`band` = NEW.`band` AND OLD.`customer_id` = NEW.`customer_id` AND OLD.`score` <> NEW.`score` BEGIN
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, coalesce((SELECT `lifecycle_stage` FROM `customers` WHERE `id` = NEW.`customer_id`), ''), NEW.`band`, 0, NEW.`score` - OLD.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = NEW.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, g.`segment_id`, 0, NEW.`score` - OLD.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = NEW.`customer_id`) k
	JOIN `segment_memberships` g ON g.`customer_id` = NEW.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `score_total` = `score_total` + excluded.`score_total`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `health_keyed_current_moved` AFTER UPDATE OF `customer_id`, `score`, `band` ON `customer_health`
WHEN OLD.`band` IS NOT NEW.`band` OR OLD.`customer_id` IS NOT NEW.`customer_id` BEGIN
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, coalesce((SELECT `lifecycle_stage` FROM `customers` WHERE `id` = OLD.`customer_id`), ''), OLD.`band`, -1, -OLD.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = OLD.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, coalesce((SELECT `lifecycle_stage` FROM `customers` WHERE `id` = NEW.`customer_id`), ''), NEW.`band`, 1, NEW.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = NEW.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, g.`segment_id`, -1, -OLD.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = OLD.`customer_id`) k
	JOIN `segment_memberships` g ON g.`customer_id` = OLD.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, g.`segment_id`, 1, NEW.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = NEW.`customer_id`) k
	JOIN `segment_memberships` g ON g.`customer_id` = NEW.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
END;
--> statement-breakpoint
-- A band move (or a first score) in the history; a history row forgotten with its customer.
CREATE TRIGGER IF NOT EXISTS `health_keyed_history_insert` AFTER INSERT ON `health_history` WHEN NEW.`band` IS NOT NEW.`from_band` BEGIN
	INSERT INTO `health_moves_keyed` (`segment_id`, `channel`, `day`, `from_band`, `to_band`, `moves`)
	SELECT k.`segment_id`, k.`channel`, substr(NEW.`at`, 1, 10), coalesce(NEW.`from_band`, ''), NEW.`band`, 1
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = NEW.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `health_keyed_history_delete` AFTER DELETE ON `health_history` WHEN OLD.`band` IS NOT OLD.`from_band` BEGIN
	INSERT INTO `health_moves_keyed` (`segment_id`, `channel`, `day`, `from_band`, `to_band`, `moves`)
	SELECT k.`segment_id`, k.`channel`, substr(OLD.`at`, 1, 10), coalesce(OLD.`from_band`, ''), OLD.`band`, -1
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = OLD.`customer_id`) k WHERE true
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `health_keyed_history_update` AFTER UPDATE OF `customer_id`, `at`, `band`, `from_band` ON `health_history`
WHEN OLD.`band` IS NOT OLD.`from_band` OR NEW.`band` IS NOT NEW.`from_band` BEGIN
	INSERT INTO `health_moves_keyed` (`segment_id`, `channel`, `day`, `from_band`, `to_band`, `moves`)
	SELECT k.`segment_id`, k.`channel`, substr(OLD.`at`, 1, 10), coalesce(OLD.`from_band`, ''), OLD.`band`, -1
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = OLD.`customer_id`) k WHERE OLD.`band` IS NOT OLD.`from_band`
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
	INSERT INTO `health_moves_keyed` (`segment_id`, `channel`, `day`, `from_band`, `to_band`, `moves`)
	SELECT k.`segment_id`, k.`channel`, substr(NEW.`at`, 1, 10), coalesce(NEW.`from_band`, ''), NEW.`band`, 1
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = NEW.`customer_id`) k WHERE NEW.`band` IS NOT NEW.`from_band`
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
END;
--> statement-breakpoint
-- A scored customer's stage moves; a customers row gone (or back) counts their score under stage ''.
CREATE TRIGGER IF NOT EXISTS `health_keyed_customer_stage` AFTER UPDATE OF `lifecycle_stage` ON `customers`
WHEN OLD.`lifecycle_stage` IS NOT NEW.`lifecycle_stage` BEGIN
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, coalesce(OLD.`lifecycle_stage`, ''), h.`band`, -1, -h.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = OLD.`id`) k
	JOIN `customer_health` h ON h.`customer_id` = OLD.`id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, coalesce(NEW.`lifecycle_stage`, ''), h.`band`, 1, h.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = NEW.`id`) k
	JOIN `customer_health` h ON h.`customer_id` = NEW.`id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `health_keyed_customer_insert` AFTER INSERT ON `customers` WHEN NEW.`lifecycle_stage` IS NOT NULL AND NEW.`lifecycle_stage` <> '' BEGIN
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, x.`stage`, h.`band`, x.`sign`, x.`sign` * h.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = NEW.`id`) k
	JOIN `customer_health` h ON h.`customer_id` = NEW.`id` JOIN (SELECT '' AS `stage`, -1 AS `sign` UNION ALL SELECT NEW.`lifecycle_stage`, 1) x WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `health_keyed_customer_delete` AFTER DELETE ON `customers` WHEN OLD.`lifecycle_stage` IS NOT NULL AND OLD.`lifecycle_stage` <> '' BEGIN
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, x.`stage`, h.`band`, x.`sign`, x.`sign` * h.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = OLD.`id`) k
	JOIN `customer_health` h ON h.`customer_id` = OLD.`id` JOIN (SELECT OLD.`lifecycle_stage` AS `stage`, -1 AS `sign` UNION ALL SELECT '', 1) x WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
END;
--> statement-breakpoint
-- A customer joins a segment (one by one, or set-based when a segment is saved): the keys (segment, '') and
-- (segment, channel) gain their score and band moves; every key of theirs gains them under "member of" the segment.
CREATE TRIGGER IF NOT EXISTS `health_keyed_member_insert` AFTER INSERT ON `segment_memberships` BEGIN
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.s, k.ch, coalesce(c.`lifecycle_stage`, ''), h.`band`, 1, h.`score`
	FROM (SELECT NEW.`segment_id` AS s, '' AS ch UNION ALL SELECT NEW.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = NEW.`customer_id` AND f.`channel` IS NOT NULL) k
	JOIN `customer_health` h ON h.`customer_id` = NEW.`customer_id` LEFT JOIN `customers` c ON c.`id` = NEW.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.s, k.ch, g.`segment_id`, 1, h.`score`
	FROM (SELECT NEW.`segment_id` AS s, '' AS ch UNION ALL SELECT NEW.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = NEW.`customer_id` AND f.`channel` IS NOT NULL) k
	JOIN `segment_memberships` g ON g.`customer_id` = NEW.`customer_id` JOIN `customer_health` h ON h.`customer_id` = NEW.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, NEW.`segment_id`, 1, h.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = NEW.`customer_id` AND `segment_id` <> NEW.`segment_id`) k
	JOIN `customer_health` h ON h.`customer_id` = NEW.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_moves_keyed` (`segment_id`, `channel`, `day`, `from_band`, `to_band`, `moves`)
	SELECT k.s, k.ch, substr(v.`at`, 1, 10), coalesce(v.`from_band`, ''), v.`band`, count(*)
	FROM (SELECT NEW.`segment_id` AS s, '' AS ch UNION ALL SELECT NEW.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = NEW.`customer_id` AND f.`channel` IS NOT NULL) k
	JOIN `health_history` v ON v.`customer_id` = NEW.`customer_id` WHERE v.`band` IS NOT v.`from_band` GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `health_keyed_member_delete` AFTER DELETE ON `segment_memberships` BEGIN
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.s, k.ch, coalesce(c.`lifecycle_stage`, ''), h.`band`, -1, -h.`score`
	FROM (SELECT OLD.`segment_id` AS s, '' AS ch UNION ALL SELECT OLD.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = OLD.`customer_id` AND f.`channel` IS NOT NULL) k
	JOIN `customer_health` h ON h.`customer_id` = OLD.`customer_id` LEFT JOIN `customers` c ON c.`id` = OLD.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.s, k.ch, g.`segment_id`, -1, -h.`score`
	FROM (SELECT OLD.`segment_id` AS s, '' AS ch UNION ALL SELECT OLD.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = OLD.`customer_id` AND f.`channel` IS NOT NULL) k
	JOIN (SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id` UNION ALL SELECT OLD.`segment_id`) g
	JOIN `customer_health` h ON h.`customer_id` = OLD.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.`segment_id`, k.`channel`, OLD.`segment_id`, -1, -h.`score`
	FROM (SELECT '' AS `segment_id`, '' AS `channel` UNION ALL SELECT `segment_id`, `channel` FROM `health_customer_keys` WHERE `customer_id` = OLD.`customer_id`) k
	JOIN `customer_health` h ON h.`customer_id` = OLD.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_moves_keyed` (`segment_id`, `channel`, `day`, `from_band`, `to_band`, `moves`)
	SELECT k.s, k.ch, substr(v.`at`, 1, 10), coalesce(v.`from_band`, ''), v.`band`, -count(*)
	FROM (SELECT OLD.`segment_id` AS s, '' AS ch UNION ALL SELECT OLD.`segment_id`, f.`channel` FROM `customer_facts` f WHERE f.`customer_id` = OLD.`customer_id` AND f.`channel` IS NOT NULL) k
	JOIN `health_history` v ON v.`customer_id` = OLD.`customer_id` WHERE v.`band` IS NOT v.`from_band` GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
END;
--> statement-breakpoint
-- The first-touch channel: set by the first event that names one, moved by a backfilled earlier one, deleted with the customer.
CREATE TRIGGER IF NOT EXISTS `health_keyed_facts_insert` AFTER INSERT ON `customer_facts` WHEN NEW.`channel` IS NOT NULL BEGIN
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.s, NEW.`channel`, coalesce(c.`lifecycle_stage`, ''), h.`band`, 1, h.`score`
	FROM (SELECT '' AS s UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) k
	JOIN `customer_health` h ON h.`customer_id` = NEW.`customer_id` LEFT JOIN `customers` c ON c.`id` = NEW.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.s, NEW.`channel`, g.`segment_id`, 1, h.`score`
	FROM (SELECT '' AS s UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) k
	JOIN `segment_memberships` g ON g.`customer_id` = NEW.`customer_id` JOIN `customer_health` h ON h.`customer_id` = NEW.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_moves_keyed` (`segment_id`, `channel`, `day`, `from_band`, `to_band`, `moves`)
	SELECT k.s, NEW.`channel`, substr(v.`at`, 1, 10), coalesce(v.`from_band`, ''), v.`band`, count(*)
	FROM (SELECT '' AS s UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) k
	JOIN `health_history` v ON v.`customer_id` = NEW.`customer_id` WHERE v.`band` IS NOT v.`from_band` GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `health_keyed_facts_delete` AFTER DELETE ON `customer_facts` WHEN OLD.`channel` IS NOT NULL BEGIN
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.s, OLD.`channel`, coalesce(c.`lifecycle_stage`, ''), h.`band`, -1, -h.`score`
	FROM (SELECT '' AS s UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) k
	JOIN `customer_health` h ON h.`customer_id` = OLD.`customer_id` LEFT JOIN `customers` c ON c.`id` = OLD.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.s, OLD.`channel`, g.`segment_id`, -1, -h.`score`
	FROM (SELECT '' AS s UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) k
	JOIN `segment_memberships` g ON g.`customer_id` = OLD.`customer_id` JOIN `customer_health` h ON h.`customer_id` = OLD.`customer_id` WHERE true
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_moves_keyed` (`segment_id`, `channel`, `day`, `from_band`, `to_band`, `moves`)
	SELECT k.s, OLD.`channel`, substr(v.`at`, 1, 10), coalesce(v.`from_band`, ''), v.`band`, -count(*)
	FROM (SELECT '' AS s UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) k
	JOIN `health_history` v ON v.`customer_id` = OLD.`customer_id` WHERE v.`band` IS NOT v.`from_band` GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `health_keyed_facts_update` AFTER UPDATE OF `customer_id`, `channel` ON `customer_facts`
WHEN OLD.`channel` IS NOT NEW.`channel` OR OLD.`customer_id` IS NOT NEW.`customer_id` BEGIN
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.s, OLD.`channel`, coalesce(c.`lifecycle_stage`, ''), h.`band`, -1, -h.`score`
	FROM (SELECT '' AS s UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) k
	JOIN `customer_health` h ON h.`customer_id` = OLD.`customer_id` LEFT JOIN `customers` c ON c.`id` = OLD.`customer_id` WHERE OLD.`channel` IS NOT NULL
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.s, OLD.`channel`, g.`segment_id`, -1, -h.`score`
	FROM (SELECT '' AS s UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) k
	JOIN `segment_memberships` g ON g.`customer_id` = OLD.`customer_id` JOIN `customer_health` h ON h.`customer_id` = OLD.`customer_id` WHERE OLD.`channel` IS NOT NULL
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_moves_keyed` (`segment_id`, `channel`, `day`, `from_band`, `to_band`, `moves`)
	SELECT k.s, OLD.`channel`, substr(v.`at`, 1, 10), coalesce(v.`from_band`, ''), v.`band`, -count(*)
	FROM (SELECT '' AS s UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = OLD.`customer_id`) k
	JOIN `health_history` v ON v.`customer_id` = OLD.`customer_id` WHERE OLD.`channel` IS NOT NULL AND v.`band` IS NOT v.`from_band` GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
	INSERT INTO `health_now_keyed` (`segment_id`, `channel`, `stage`, `band`, `customers`, `score_total`)
	SELECT k.s, NEW.`channel`, coalesce(c.`lifecycle_stage`, ''), h.`band`, 1, h.`score`
	FROM (SELECT '' AS s UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) k
	JOIN `customer_health` h ON h.`customer_id` = NEW.`customer_id` LEFT JOIN `customers` c ON c.`id` = NEW.`customer_id` WHERE NEW.`channel` IS NOT NULL
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_member_keyed` (`segment_id`, `channel`, `member_of`, `customers`, `score_total`)
	SELECT k.s, NEW.`channel`, g.`segment_id`, 1, h.`score`
	FROM (SELECT '' AS s UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) k
	JOIN `segment_memberships` g ON g.`customer_id` = NEW.`customer_id` JOIN `customer_health` h ON h.`customer_id` = NEW.`customer_id` WHERE NEW.`channel` IS NOT NULL
	ON CONFLICT DO UPDATE SET `customers` = `customers` + excluded.`customers`, `score_total` = `score_total` + excluded.`score_total`;
	INSERT INTO `health_moves_keyed` (`segment_id`, `channel`, `day`, `from_band`, `to_band`, `moves`)
	SELECT k.s, NEW.`channel`, substr(v.`at`, 1, 10), coalesce(v.`from_band`, ''), v.`band`, count(*)
	FROM (SELECT '' AS s UNION ALL SELECT `segment_id` FROM `segment_memberships` WHERE `customer_id` = NEW.`customer_id`) k
	JOIN `health_history` v ON v.`customer_id` = NEW.`customer_id` WHERE NEW.`channel` IS NOT NULL AND v.`band` IS NOT v.`from_band` GROUP BY 1, 2, 3, 4, 5
	ON CONFLICT DO UPDATE SET `moves` = `moves` + excluded.`moves`;
END;
