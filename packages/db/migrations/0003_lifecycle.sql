CREATE TABLE `customer_activity` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`last_seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_activity_seen` ON `customer_activity` (`last_seen_at`);--> statement-breakpoint
CREATE TABLE `customer_aliases` (
	`alias_id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_aliases_customer` ON `customer_aliases` (`customer_id`);--> statement-breakpoint
CREATE TABLE `lifecycle_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`config` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `segment_memberships` (
	`segment_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`entered_at` text NOT NULL,
	PRIMARY KEY(`segment_id`, `customer_id`)
);
--> statement-breakpoint
CREATE INDEX `segment_memberships_customer` ON `segment_memberships` (`customer_id`);--> statement-breakpoint
CREATE TABLE `segment_rechecks` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`due_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `segment_rechecks_due` ON `segment_rechecks` (`due_at`);--> statement-breakpoint
CREATE TABLE `segments` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`definition` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stage_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` text NOT NULL,
	`from_stage` text,
	`to_stage` text NOT NULL,
	`cause` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stage_history_customer` ON `stage_history` (`customer_id`,`at`);--> statement-breakpoint
CREATE TABLE `sweep_locks` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
-- Hand-added (tables of schema.ts, which this area does not own): segment conditions count a customer's events by name
-- within a window, list offers a customer holds, and the customers list pages by id within a stage.
CREATE INDEX IF NOT EXISTS `events_customer_name` ON `events` (`customer_id`,`name`,`timestamp`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `offer_codes_customer` ON `offer_codes` (`customer_id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customers_stage_id` ON `customers` (`lifecycle_stage`,`id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `runs_customer_started` ON `runs` (`customer_id`,`started_at`);
