CREATE TABLE IF NOT EXISTS `customer_facts` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`first_seen_at` text NOT NULL,
	`channel` text,
	`channel_at` text
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customer_facts_first_seen` ON `customer_facts` (`first_seen_at`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customer_facts_channel` ON `customer_facts` (`channel`,`first_seen_at`);
--> statement-breakpoint
-- Customers who were here before analytics: first seen at their earliest event, channel from their stored utm_source trait.
INSERT OR IGNORE INTO `customer_facts` (`customer_id`, `first_seen_at`, `channel`, `channel_at`)
SELECT c.`id`, coalesce((SELECT min(e.`timestamp`) FROM `events` e WHERE e.`customer_id` = c.`id`), c.`created_at`),
       json_extract(c.`traits`, '$.utm_source'), CASE WHEN json_extract(c.`traits`, '$.utm_source') IS NULL THEN NULL ELSE c.`created_at` END
FROM `customers` c;
