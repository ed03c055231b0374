CREATE TABLE IF NOT EXISTS `global_control` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`in_control` integer NOT NULL,
	`share` real NOT NULL,
	`assigned_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `global_control_group` ON `global_control` (`in_control`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `global_control_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`salt` text NOT NULL,
	`customer_cursor` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT OR IGNORE INTO `global_control_state` (`id`, `salt`) VALUES (1, lower(hex(randomblob(16))));
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `customer_revenue_days` (
	`day` text NOT NULL,
	`customer_id` text NOT NULL,
	`revenue` real NOT NULL,
	PRIMARY KEY (`day`, `customer_id`)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `experiment_promotions` (
	`journey_id` text NOT NULL,
	`node_id` text NOT NULL,
	`from_version_id` text NOT NULL,
	`version_id` text NOT NULL,
	`arm_id` text NOT NULL,
	`p_value` real NOT NULL,
	`note` text NOT NULL,
	`promoted_at` text NOT NULL,
	PRIMARY KEY (`journey_id`, `node_id`)
);
--> statement-breakpoint
-- Backfill from stored events under the default revenue rule (purchase / Order Completed, `revenue` else `total`, no
-- currency or USD): the rule the settings start with. Events ingested from now on follow the saved settings.
INSERT OR IGNORE INTO `customer_revenue_days` (`day`, `customer_id`, `revenue`)
SELECT substr(`timestamp`, 1, 10), `customer_id`, sum(`amount`) FROM (
	SELECT `timestamp`, `customer_id`,
		CASE
			WHEN json_type(`properties`, '$.revenue') IN ('integer', 'real') THEN json_extract(`properties`, '$.revenue')
			WHEN json_type(`properties`, '$.total') IN ('integer', 'real') THEN json_extract(`properties`, '$.total')
		END AS `amount`
	FROM `events`
	WHERE `type` = 'track' AND `name` IN ('purchase', 'Order Completed') AND `customer_id` IS NOT NULL
		AND coalesce(upper(json_extract(`properties`, '$.currency')), 'USD') = 'USD'
) WHERE `amount` IS NOT NULL
GROUP BY substr(`timestamp`, 1, 10), `customer_id`;
