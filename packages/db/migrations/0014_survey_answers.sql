CREATE TABLE IF NOT EXISTS `survey_answers` (
	`customer_id` text NOT NULL,
	`survey` text NOT NULL,
	`kind` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`stage` text,
	`delivery_id` text,
	`journey_id` text,
	`event_id` text NOT NULL,
	`answered_at` text NOT NULL,
	PRIMARY KEY(`customer_id`, `survey`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `survey_answers_kind_time` ON `survey_answers` (`kind`,`answered_at`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `survey_answers_customer_time` ON `survey_answers` (`customer_id`,`answered_at`);
--> statement-breakpoint
INSERT OR IGNORE INTO `survey_answers` (`customer_id`, `survey`, `kind`, `score`, `comment`, `stage`, `delivery_id`, `journey_id`, `event_id`, `answered_at`)
SELECT `customer_id`, `survey`, `kind`, `score`, `comment`, NULL, `delivery_id`, `journey_id`, `id`, `timestamp` FROM (
	SELECT e.`id`, e.`customer_id`, e.`timestamp`,
		json_extract(e.`properties`, '$.survey') AS `survey`, json_extract(e.`properties`, '$.kind') AS `kind`,
		json_extract(e.`properties`, '$.score') AS `score`, substr(json_extract(e.`properties`, '$.comment'), 1, 2000) AS `comment`,
		json_extract(e.`properties`, '$.deliveryId') AS `delivery_id`, json_extract(e.`properties`, '$.journeyId') AS `journey_id`,
		row_number() OVER (PARTITION BY e.`customer_id`, json_extract(e.`properties`, '$.survey') ORDER BY e.`timestamp` DESC, e.`id` DESC) AS `latest`
	FROM `events` e
	WHERE e.`name` = 'survey_answered' AND e.`customer_id` IS NOT NULL AND e.`type` IN ('track', 'internal')
) WHERE `latest` = 1 AND typeof(`survey`) = 'text' AND typeof(`score`) = 'integer'
	AND ((`kind` = 'nps' AND `score` BETWEEN 0 AND 10) OR (`kind` = 'csat' AND `score` BETWEEN 1 AND 5));
