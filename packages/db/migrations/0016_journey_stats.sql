-- Journey analytics rollups, kept current by triggers on the rows the runs write (runs, run_steps, deliveries,
-- run_conversions), so every path that records a run, a step or a delivery counts exactly once: an idempotent
-- re-record updates a row to the same values and moves no counter.
CREATE TABLE IF NOT EXISTS `journey_goals` (
	`version_id` text PRIMARY KEY NOT NULL,
	`journey_id` text NOT NULL,
	`goal` text NOT NULL,
	`goal_event` text NOT NULL,
	`window_seconds` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `journey_run_windows` (
	`workflow_id` text PRIMARY KEY NOT NULL,
	`journey_id` text NOT NULL,
	`version_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`goal_event` text NOT NULL,
	`started_at` text NOT NULL,
	`window_ends_at` text NOT NULL,
	`revenue` real DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `journey_run_windows_customer` ON `journey_run_windows` (`customer_id`,`window_ends_at`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `journey_daily_runs` (
	`version_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`day` text NOT NULL,
	`status` text NOT NULL,
	`runs` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`version_id`, `day`, `status`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `journey_daily_runs_journey` ON `journey_daily_runs` (`journey_id`,`day`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `journey_conversion_times` (
	`workflow_id` text PRIMARY KEY NOT NULL,
	`journey_id` text NOT NULL,
	`version_id` text NOT NULL,
	`started_at` text NOT NULL,
	`seconds` real NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `journey_conversion_times_journey` ON `journey_conversion_times` (`journey_id`,`started_at`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `journey_node_stats` (
	`version_id` text NOT NULL,
	`node_id` text NOT NULL,
	`exit` text NOT NULL,
	`visits` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`version_id`, `node_id`, `exit`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `journey_send_stats` (
	`version_id` text NOT NULL,
	`node_id` text NOT NULL,
	`template_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`sent` integer DEFAULT 0 NOT NULL,
	`delivered` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`opened` integer DEFAULT 0 NOT NULL,
	`clicked` integer DEFAULT 0 NOT NULL,
	`unsubscribed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`version_id`, `node_id`, `template_id`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `journey_send_stats_template` ON `journey_send_stats` (`template_id`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `delivery_unsubscribes` (
	`delivery_id` text PRIMARY KEY NOT NULL,
	`unsubscribed_at` text NOT NULL
);
--> statement-breakpoint
CREATE VIEW IF NOT EXISTS `journey_goal_rows` AS
SELECT v.`id` AS version_id, v.`journey_id` AS journey_id, json_extract(v.`graph`, '$.goal') AS goal,
	CASE json_extract(v.`graph`, '$.goal.kind') WHEN 'segment_entered' THEN 'segment_entered' WHEN 'segment_exited' THEN 'segment_exited' ELSE json_extract(v.`graph`, '$.goal.event') END AS goal_event,
	coalesce(CAST(json_extract(v.`graph`, '$.goal.window.amount') * CASE json_extract(v.`graph`, '$.goal.window.unit') WHEN 'seconds' THEN 1 WHEN 'minutes' THEN 60 WHEN 'hours' THEN 3600 WHEN 'days' THEN 86400 WHEN 'weeks' THEN 604800 END AS integer), 604800) AS window_seconds
FROM `journey_versions` v WHERE json_extract(v.`graph`, '$.goal') IS NOT NULL;
--> statement-breakpoint
INSERT OR IGNORE INTO `journey_goals` SELECT version_id, journey_id, goal, goal_event, window_seconds FROM `journey_goal_rows` WHERE goal_event IS NOT NULL;
--> statement-breakpoint
INSERT OR IGNORE INTO `journey_run_windows` (`workflow_id`, `journey_id`, `version_id`, `customer_id`, `goal_event`, `started_at`, `window_ends_at`)
SELECT r.`workflow_id`, r.`journey_id`, r.`version_id`, r.`customer_id`, g.`goal_event`, r.`started_at`, strftime('%Y-%m-%dT%H:%M:%fZ', r.`started_at`, '+' || g.`window_seconds` || ' seconds')
FROM `runs` r JOIN `journey_goals` g ON g.`version_id` = r.`version_id`;
--> statement-breakpoint
INSERT OR IGNORE INTO `journey_daily_runs` (`version_id`, `journey_id`, `day`, `status`, `runs`)
SELECT `version_id`, `journey_id`, substr(`started_at`, 1, 10), `status`, count(*) FROM `runs` GROUP BY `version_id`, `journey_id`, substr(`started_at`, 1, 10), `status`;
--> statement-breakpoint
INSERT OR IGNORE INTO `journey_conversion_times` (`workflow_id`, `journey_id`, `version_id`, `started_at`, `seconds`)
SELECT `workflow_id`, `journey_id`, `version_id`, `started_at`, max(0, (julianday(`converted_at`) - julianday(`started_at`)) * 86400) FROM `run_conversions`;
--> statement-breakpoint
INSERT OR IGNORE INTO `journey_node_stats` (`version_id`, `node_id`, `exit`, `visits`)
SELECT r.`version_id`, s.`node_id`, '', count(*) FROM `run_steps` s JOIN `runs` r ON r.`workflow_id` = s.`workflow_id` GROUP BY r.`version_id`, s.`node_id`;
--> statement-breakpoint
INSERT OR IGNORE INTO `journey_node_stats` (`version_id`, `node_id`, `exit`, `visits`)
SELECT r.`version_id`, s.`node_id`, s.`exit`, count(*) FROM `run_steps` s JOIN `runs` r ON r.`workflow_id` = s.`workflow_id` WHERE s.`exit` IS NOT NULL GROUP BY r.`version_id`, s.`node_id`, s.`exit`;
--> statement-breakpoint
INSERT OR IGNORE INTO `journey_send_stats` (`version_id`, `node_id`, `template_id`, `journey_id`, `sent`, `delivered`, `failed`, `skipped`, `opened`, `clicked`)
SELECT coalesce(r.`version_id`, ''), d.`node_id`, d.`template_id`, d.`journey_id`,
	sum(d.`status` IN ('sent', 'failed', 'uncertain')), sum(d.`status` = 'sent'), sum(d.`status` = 'failed'), sum(d.`status` = 'skipped'),
	sum(d.`opened_at` IS NOT NULL), sum(d.`clicked_at` IS NOT NULL)
FROM `deliveries` d LEFT JOIN `runs` r ON r.`workflow_id` = d.`workflow_id` WHERE d.`journey_id` IS NOT NULL
GROUP BY coalesce(r.`version_id`, ''), d.`node_id`, d.`template_id`, d.`journey_id`;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `journey_goals_on_publish` AFTER INSERT ON `journey_versions` BEGIN
	INSERT OR REPLACE INTO `journey_goals` SELECT version_id, journey_id, goal, goal_event, window_seconds FROM `journey_goal_rows` WHERE version_id = NEW.`id` AND goal_event IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `journey_stats_run_started` AFTER INSERT ON `runs` BEGIN
	INSERT INTO `journey_daily_runs` (`version_id`, `journey_id`, `day`, `status`, `runs`) VALUES (NEW.`version_id`, NEW.`journey_id`, substr(NEW.`started_at`, 1, 10), NEW.`status`, 1)
		ON CONFLICT DO UPDATE SET `runs` = `runs` + 1;
	INSERT OR IGNORE INTO `journey_run_windows` (`workflow_id`, `journey_id`, `version_id`, `customer_id`, `goal_event`, `started_at`, `window_ends_at`)
		SELECT NEW.`workflow_id`, NEW.`journey_id`, NEW.`version_id`, NEW.`customer_id`, g.`goal_event`, NEW.`started_at`, strftime('%Y-%m-%dT%H:%M:%fZ', NEW.`started_at`, '+' || g.`window_seconds` || ' seconds')
		FROM `journey_goals` g WHERE g.`version_id` = NEW.`version_id`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `journey_stats_run_status` AFTER UPDATE OF `status` ON `runs` WHEN OLD.`status` IS NOT NEW.`status` BEGIN
	UPDATE `journey_daily_runs` SET `runs` = `runs` - 1 WHERE `version_id` = OLD.`version_id` AND `day` = substr(OLD.`started_at`, 1, 10) AND `status` = OLD.`status`;
	INSERT INTO `journey_daily_runs` (`version_id`, `journey_id`, `day`, `status`, `runs`) VALUES (NEW.`version_id`, NEW.`journey_id`, substr(NEW.`started_at`, 1, 10), NEW.`status`, 1)
		ON CONFLICT DO UPDATE SET `runs` = `runs` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `journey_stats_conversion` AFTER INSERT ON `run_conversions` BEGIN
	INSERT OR IGNORE INTO `journey_conversion_times` (`workflow_id`, `journey_id`, `version_id`, `started_at`, `seconds`)
		VALUES (NEW.`workflow_id`, NEW.`journey_id`, NEW.`version_id`, NEW.`started_at`, max(0, (julianday(NEW.`converted_at`) - julianday(NEW.`started_at`)) * 86400));
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `journey_stats_step_recorded` AFTER INSERT ON `run_steps` BEGIN
	INSERT INTO `journey_node_stats` (`version_id`, `node_id`, `exit`, `visits`)
		SELECT r.`version_id`, NEW.`node_id`, e.`exit`, 1 FROM `runs` r, (SELECT '' AS `exit` UNION ALL SELECT NEW.`exit` WHERE NEW.`exit` IS NOT NULL) e WHERE r.`workflow_id` = NEW.`workflow_id`
		ON CONFLICT DO UPDATE SET `visits` = `visits` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `journey_stats_step_changed` AFTER UPDATE OF `node_id`, `exit` ON `run_steps` WHEN OLD.`node_id` IS NOT NEW.`node_id` OR OLD.`exit` IS NOT NEW.`exit` BEGIN
	UPDATE `journey_node_stats` SET `visits` = `visits` - 1
		WHERE `version_id` = (SELECT `version_id` FROM `runs` WHERE `workflow_id` = OLD.`workflow_id`) AND `node_id` = OLD.`node_id`
		AND ((OLD.`exit` IS NOT NULL AND `exit` = OLD.`exit`) OR (`exit` = '' AND OLD.`node_id` IS NOT NEW.`node_id`));
	INSERT INTO `journey_node_stats` (`version_id`, `node_id`, `exit`, `visits`)
		SELECT r.`version_id`, NEW.`node_id`, e.`exit`, 1 FROM `runs` r,
			(SELECT '' AS `exit` WHERE OLD.`node_id` IS NOT NEW.`node_id` UNION ALL SELECT NEW.`exit` WHERE NEW.`exit` IS NOT NULL) e
		WHERE r.`workflow_id` = NEW.`workflow_id`
		ON CONFLICT DO UPDATE SET `visits` = `visits` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `journey_stats_delivery_created` AFTER INSERT ON `deliveries` WHEN NEW.`journey_id` IS NOT NULL BEGIN
	INSERT INTO `journey_send_stats` (`version_id`, `node_id`, `template_id`, `journey_id`, `sent`, `delivered`, `failed`, `skipped`, `opened`, `clicked`)
		VALUES (coalesce((SELECT `version_id` FROM `runs` WHERE `workflow_id` = NEW.`workflow_id`), ''), NEW.`node_id`, NEW.`template_id`, NEW.`journey_id`,
			NEW.`status` IN ('sent', 'failed', 'uncertain'), NEW.`status` = 'sent', NEW.`status` = 'failed', NEW.`status` = 'skipped', NEW.`opened_at` IS NOT NULL, NEW.`clicked_at` IS NOT NULL)
		ON CONFLICT DO UPDATE SET `sent` = `sent` + excluded.`sent`, `delivered` = `delivered` + excluded.`delivered`, `failed` = `failed` + excluded.`failed`,
			`skipped` = `skipped` + excluded.`skipped`, `opened` = `opened` + excluded.`opened`, `clicked` = `clicked` + excluded.`clicked`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `journey_stats_delivery_changed` AFTER UPDATE OF `status`, `opened_at`, `clicked_at` ON `deliveries`
	WHEN NEW.`journey_id` IS NOT NULL AND (OLD.`status` IS NOT NEW.`status` OR (OLD.`opened_at` IS NULL) <> (NEW.`opened_at` IS NULL) OR (OLD.`clicked_at` IS NULL) <> (NEW.`clicked_at` IS NULL)) BEGIN
	INSERT INTO `journey_send_stats` (`version_id`, `node_id`, `template_id`, `journey_id`, `sent`, `delivered`, `failed`, `skipped`, `opened`, `clicked`)
		VALUES (coalesce((SELECT `version_id` FROM `runs` WHERE `workflow_id` = NEW.`workflow_id`), ''), NEW.`node_id`, NEW.`template_id`, NEW.`journey_id`,
			(NEW.`status` IN ('sent', 'failed', 'uncertain')) - (OLD.`status` IN ('sent', 'failed', 'uncertain')), (NEW.`status` = 'sent') - (OLD.`status` = 'sent'),
			(NEW.`status` = 'failed') - (OLD.`status` = 'failed'), (NEW.`status` = 'skipped') - (OLD.`status` = 'skipped'),
			(NEW.`opened_at` IS NOT NULL) - (OLD.`opened_at` IS NOT NULL), (NEW.`clicked_at` IS NOT NULL) - (OLD.`clicked_at` IS NOT NULL))
		ON CONFLICT DO UPDATE SET `sent` = `sent` + excluded.`sent`, `delivered` = `delivered` + excluded.`delivered`, `failed` = `failed` + excluded.`failed`,
			`skipped` = `skipped` + excluded.`skipped`, `opened` = `opened` + excluded.`opened`, `clicked` = `clicked` + excluded.`clicked`;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `journey_stats_unsubscribed` AFTER INSERT ON `delivery_unsubscribes` BEGIN
	UPDATE `journey_send_stats` SET `unsubscribed` = `unsubscribed` + 1
		WHERE (`version_id`, `node_id`, `template_id`) = (SELECT coalesce(r.`version_id`, ''), d.`node_id`, d.`template_id` FROM `deliveries` d LEFT JOIN `runs` r ON r.`workflow_id` = d.`workflow_id` WHERE d.`id` = NEW.`delivery_id`);
END;
