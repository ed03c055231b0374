-- Converted runs per filter key, day of entry and version, with their revenue: the journeys summary's converted and
-- revenue columns read at most (days × versions) rows of one key instead of every converted run (540k for '*' at 1M
-- customers). journey_conversion_rows (0030) stays: its ordered index is the exact median's walk. Triggers on it keep
-- the days current, so every path 0030 writes it by (conversion, revenue, segment and channel moves) counts here too.
CREATE TABLE IF NOT EXISTS `journey_conversion_days` (
	`filter_key` text NOT NULL,
	`day` text NOT NULL,
	`version_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`converted` integer DEFAULT 0 NOT NULL,
	`revenue` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`filter_key`, `day`, `version_id`)
);
--> statement-breakpoint
INSERT OR IGNORE INTO `journey_conversion_days` (`filter_key`, `day`, `version_id`, `journey_id`, `converted`, `revenue`)
SELECT `filter_key`, substr(`started_at`, 1, 10), `version_id`, `journey_id`, count(*), sum(`revenue`) FROM `journey_conversion_rows`
GROUP BY `filter_key`, substr(`started_at`, 1, 10), `version_id`, `journey_id`;
--> statement-breakpoint
-- 0030 writes rows with INSERT OR REPLACE; a replaced row's delete fires no trigger (recursive_triggers is off), so the
-- row about to be replaced is taken out here first (nothing when there is none: the usual case).
CREATE TRIGGER IF NOT EXISTS `conversion_days_replaced` BEFORE INSERT ON `journey_conversion_rows` BEGIN
	INSERT INTO journey_conversion_days (filter_key, day, version_id, journey_id, converted, revenue)
		SELECT filter_key, substr(started_at, 1, 10), version_id, journey_id, -1, -revenue FROM journey_conversion_rows WHERE workflow_id = NEW.workflow_id AND filter_key = NEW.filter_key
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, revenue = revenue + excluded.revenue;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `conversion_days_added` AFTER INSERT ON `journey_conversion_rows` BEGIN
	INSERT INTO journey_conversion_days (filter_key, day, version_id, journey_id, converted, revenue)
		VALUES (NEW.filter_key, substr(NEW.started_at, 1, 10), NEW.version_id, NEW.journey_id, 1, NEW.revenue)
		ON CONFLICT DO UPDATE SET converted = converted + 1, revenue = revenue + excluded.revenue;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `conversion_days_removed` AFTER DELETE ON `journey_conversion_rows` BEGIN
	INSERT INTO journey_conversion_days (filter_key, day, version_id, journey_id, converted, revenue)
		VALUES (OLD.filter_key, substr(OLD.started_at, 1, 10), OLD.version_id, OLD.journey_id, -1, -OLD.revenue)
		ON CONFLICT DO UPDATE SET converted = converted - 1, revenue = revenue + excluded.revenue;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `conversion_days_changed` AFTER UPDATE OF `filter_key`, `started_at`, `version_id`, `journey_id`, `revenue` ON `journey_conversion_rows` BEGIN
	INSERT INTO journey_conversion_days (filter_key, day, version_id, journey_id, converted, revenue)
		VALUES (OLD.filter_key, substr(OLD.started_at, 1, 10), OLD.version_id, OLD.journey_id, -1, -OLD.revenue)
		ON CONFLICT DO UPDATE SET converted = converted - 1, revenue = revenue + excluded.revenue;
	INSERT INTO journey_conversion_days (filter_key, day, version_id, journey_id, converted, revenue)
		VALUES (NEW.filter_key, substr(NEW.started_at, 1, 10), NEW.version_id, NEW.journey_id, 1, NEW.revenue)
		ON CONFLICT DO UPDATE SET converted = converted + 1, revenue = revenue + excluded.revenue;
END;
