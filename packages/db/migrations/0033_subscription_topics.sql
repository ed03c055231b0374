-- Subscription topics (newsletter, product updates, offers…): what a customer may opt in to or out of one by one,
-- beside the global `customers.subscription` ("from everything"). `default_subscribed` 1: everyone gets the topic until
-- they opt out; 0: nobody does until they opt in. An archived topic is hidden from the preference page; its opt-outs
-- still hold for sends that name it.
CREATE TABLE IF NOT EXISTS `topics` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`default_subscribed` integer DEFAULT 1 NOT NULL,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `topics_name` ON `topics` (lower(`name`));
--> statement-breakpoint
-- A customer's own choice per topic; no row: the topic's default.
CREATE TABLE IF NOT EXISTS `customer_topic_subscriptions` (
	`customer_id` text NOT NULL REFERENCES `customers`(`id`) ON DELETE CASCADE,
	`topic_id` text NOT NULL REFERENCES `topics`(`id`) ON DELETE CASCADE,
	`subscribed` integer NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY (`customer_id`, `topic_id`)
);
--> statement-breakpoint
-- The topic of a template (a send node's own topic wins over it).
CREATE TABLE IF NOT EXISTS `template_topics` (
	`template_id` text PRIMARY KEY NOT NULL REFERENCES `templates`(`id`) ON DELETE CASCADE,
	`topic_id` text NOT NULL REFERENCES `topics`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
-- The topic a delivery went out under, so its one-click List-Unsubscribe opts out of that topic only.
CREATE TABLE IF NOT EXISTS `delivery_topics` (
	`delivery_id` text PRIMARY KEY NOT NULL REFERENCES `deliveries`(`id`) ON DELETE CASCADE,
	`topic_id` text NOT NULL REFERENCES `topics`(`id`) ON DELETE CASCADE
);
