CREATE TABLE IF NOT EXISTS `run_conversions` (
	`workflow_id` text PRIMARY KEY NOT NULL,
	`journey_id` text NOT NULL,
	`version_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`started_at` text NOT NULL,
	`converted_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `run_conversions_journey` ON `run_conversions` (`journey_id`,`converted_at`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `run_conversions_customer` ON `run_conversions` (`customer_id`);
--> statement-breakpoint
INSERT OR IGNORE INTO `run_conversions` (`workflow_id`, `journey_id`, `version_id`, `customer_id`, `started_at`, `converted_at`)
SELECT `workflow_id`, `journey_id`, `version_id`, `customer_id`, `started_at`, coalesce(`ended_at`, `updated_at`) FROM `runs` WHERE `status` = 'converted';
