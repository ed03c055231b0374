-- Stage analytics. `stage_flow_daily` counts stage changes per UTC day and (from, to) so "customers per stage over time"
-- and the transition table read a few hundred rows instead of the stage history; `changeStage` keeps it current.
-- `from_stage` is '' for a customer's first recorded stage (no stage before), because a primary key cannot hold NULL.
CREATE TABLE IF NOT EXISTS `stage_flow_daily` (
	`day` text NOT NULL,
	`from_stage` text NOT NULL,
	`to_stage` text NOT NULL,
	`moves` integer NOT NULL,
	PRIMARY KEY(`day`, `from_stage`, `to_stage`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT OR IGNORE INTO `stage_flow_daily` (`day`, `from_stage`, `to_stage`, `moves`)
SELECT substr(`at`, 1, 10), coalesce(`from_stage`, ''), `to_stage`, count(*) FROM `stage_history` GROUP BY 1, 2, 3;
--> statement-breakpoint
-- When a stay ended (the time of the customer's next change; NULL while it lasts): time in stage reads one row per stay.
ALTER TABLE `stage_history` ADD COLUMN `left_at` text;
--> statement-breakpoint
UPDATE `stage_history` SET `left_at` = n.`next_at`
FROM (SELECT `id`, lead(`at`) OVER (PARTITION BY `customer_id` ORDER BY `at`, `id`) AS `next_at` FROM `stage_history`) AS n
WHERE n.`id` = `stage_history`.`id` AND n.`next_at` IS NOT NULL;
--> statement-breakpoint
-- Finished stays by when they ended, and current stays (left_at NULL), with their start: time in stage, covered.
CREATE INDEX IF NOT EXISTS `stage_history_left` ON `stage_history` (`left_at`, `at`, `to_stage`);
--> statement-breakpoint
-- Who entered a stage in a range (the funnel's first step).
CREATE INDEX IF NOT EXISTS `stage_history_entered` ON `stage_history` (`to_stage`, `at`, `customer_id`);
--> statement-breakpoint
-- Changes in a range, for the views filtered by segment or channel (which cannot use the daily rollup).
CREATE INDEX IF NOT EXISTS `stage_history_at` ON `stage_history` (`at`, `from_stage`, `to_stage`, `customer_id`);
--> statement-breakpoint
-- A customer's changes in order with their stage, read without touching the table (the funnel follows each path).
CREATE INDEX IF NOT EXISTS `stage_history_path` ON `stage_history` (`customer_id`, `at`, `to_stage`);
