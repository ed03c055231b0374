CREATE TABLE IF NOT EXISTS `health_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`config` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`rescored_version` integer DEFAULT 0 NOT NULL,
	`rescore_cursor` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `customer_health` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`score` integer NOT NULL,
	`band` text NOT NULL,
	`computed_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customer_health_band` ON `customer_health` (`band`,`score`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `health_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` text NOT NULL,
	`score` integer NOT NULL,
	`band` text NOT NULL,
	`from_band` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `health_history_customer` ON `health_history` (`customer_id`,`at`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `health_history_at` ON `health_history` (`at`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `health_band_days` (
	`day` text NOT NULL,
	`band` text NOT NULL,
	`delta` integer NOT NULL,
	PRIMARY KEY(`day`, `band`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `health_rechecks` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`due_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `health_rechecks_due` ON `health_rechecks` (`due_at`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `health_nps` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`score` real NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `deliveries_customer_opened` ON `deliveries` (`customer_id`,`opened_at`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `deliveries_customer_clicked` ON `deliveries` (`customer_id`,`clicked_at`);
--> statement-breakpoint
-- Each customer's latest NPS answer already stored (SQLite takes the bare column from the max(timestamp) row).
INSERT OR IGNORE INTO `health_nps` (`customer_id`, `score`, `at`)
SELECT `customer_id`, CAST(json_extract(`properties`, '$.score') AS INTEGER), max(`timestamp`) FROM `events`
WHERE `name` = 'survey_answered' AND json_extract(`properties`, '$.kind') = 'nps' AND `customer_id` IS NOT NULL
  AND (json_type(`properties`, '$.score') = 'integer' OR (json_type(`properties`, '$.score') = 'text' AND json_extract(`properties`, '$.score') GLOB '[0-9]*' AND length(json_extract(`properties`, '$.score')) <= 2))
  AND CAST(json_extract(`properties`, '$.score') AS INTEGER) BETWEEN 0 AND 10
GROUP BY `customer_id`;
