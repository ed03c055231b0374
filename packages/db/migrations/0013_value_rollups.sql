CREATE TABLE IF NOT EXISTS `customer_value` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`revenue` real NOT NULL,
	`orders` integer NOT NULL,
	`first_purchase_at` text NOT NULL,
	`last_purchase_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customer_value_revenue` ON `customer_value` (`revenue`,`customer_id`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `customer_revenue_daily` (
	`customer_id` text NOT NULL,
	`day` text NOT NULL,
	`currency` text NOT NULL,
	`amount` real NOT NULL,
	`orders` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `day`, `currency`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customer_revenue_daily_day` ON `customer_revenue_daily` (`day`,`currency`,`customer_id`,`amount`,`orders`);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `acquisition_spend` (
	`month` text NOT NULL,
	`channel` text NOT NULL,
	`amount` real NOT NULL,
	`currency` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`month`, `channel`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `stage_history_to_stage` ON `stage_history` (`to_stage`,`at`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `stage_history_from_stage` ON `stage_history` (`from_stage`,`at`);
--> statement-breakpoint
-- History stored before this migration, under the DEFAULT revenue settings (track `purchase` / `Order Completed`,
-- `revenue` else `total`, USD base, no rates): the saved settings are JSON the migration cannot apply, so a workspace
-- with other settings counts its older history by the defaults and its new events by its own settings.
INSERT OR IGNORE INTO `customer_revenue_daily` (`customer_id`, `day`, `currency`, `amount`, `orders`)
SELECT `customer_id`, substr(`timestamp`, 1, 10), `currency`, sum(`amount`), count(*) FROM (
  SELECT `customer_id`, `timestamp`,
    CASE WHEN upper(coalesce(json_extract(`properties`, '$.currency'), 'USD')) = 'USD' THEN '' ELSE upper(json_extract(`properties`, '$.currency')) END AS `currency`,
    CAST(coalesce(json_extract(`properties`, '$.revenue'), json_extract(`properties`, '$.total')) AS REAL) AS `amount`
  FROM `events`
  WHERE `type` = 'track' AND `name` IN ('purchase', 'Order Completed') AND `customer_id` IS NOT NULL
    AND typeof(coalesce(json_extract(`properties`, '$.revenue'), json_extract(`properties`, '$.total'))) IN ('integer', 'real')
) GROUP BY `customer_id`, substr(`timestamp`, 1, 10), `currency`;
--> statement-breakpoint
INSERT OR IGNORE INTO `customer_value` (`customer_id`, `revenue`, `orders`, `first_purchase_at`, `last_purchase_at`)
SELECT `customer_id`, sum(`amount`), sum(`orders`), min(`day`) || 'T00:00:00.000Z', max(`day`) || 'T00:00:00.000Z'
FROM `customer_revenue_daily` WHERE `currency` = '' GROUP BY `customer_id`;
