CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text,
	`traits` text DEFAULT '{}' NOT NULL,
	`lifecycle_stage` text,
	`subscription` text DEFAULT 'subscribed' NOT NULL,
	`suppressed` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customers_email` ON `customers` (`email`);--> statement-breakpoint
CREATE INDEX `customers_stage` ON `customers` (`lifecycle_stage`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text NOT NULL,
	`workflow_id` text NOT NULL,
	`node_id` text NOT NULL,
	`journey_id` text,
	`customer_id` text NOT NULL,
	`template_id` text NOT NULL,
	`to` text,
	`subject` text,
	`message_id` text NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`sent_at` text,
	`opened_at` text,
	`clicked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_idempotency` ON `deliveries` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `deliveries_customer` ON `deliveries` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliveries_workflow` ON `deliveries` (`workflow_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`write_key_id` text,
	`type` text NOT NULL,
	`name` text,
	`customer_id` text,
	`anonymous_id` text,
	`properties` text DEFAULT '{}' NOT NULL,
	`traits` text,
	`context` text,
	`timestamp` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`dispatched_at` text,
	`dispatch_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_message_id` ON `events` (`message_id`);--> statement-breakpoint
CREATE INDEX `events_customer` ON `events` (`customer_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `events_undispatched` ON `events` (`dispatched_at`,`received_at`);--> statement-breakpoint
CREATE TABLE `journey_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`journey_id` text NOT NULL,
	`version` integer NOT NULL,
	`graph` text NOT NULL,
	`trigger_event` text NOT NULL,
	`published_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journey_versions_number` ON `journey_versions` (`journey_id`,`version`);--> statement-breakpoint
CREATE INDEX `journey_versions_trigger` ON `journey_versions` (`trigger_event`);--> statement-breakpoint
CREATE TABLE `journeys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`lifecycle_stage` text,
	`draft` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`live_version_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `offer_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offer_id` text NOT NULL,
	`code` text NOT NULL,
	`customer_id` text,
	`workflow_id` text,
	`node_id` text,
	`granted_at` text,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offer_codes_code` ON `offer_codes` (`offer_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `offer_codes_grant` ON `offer_codes` (`workflow_id`,`node_id`);--> statement-breakpoint
CREATE INDEX `offer_codes_free` ON `offer_codes` (`offer_id`,`granted_at`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`code_source` text NOT NULL,
	`code_prefix` text,
	`expires_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `run_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workflow_id` text NOT NULL,
	`seq` integer NOT NULL,
	`node_id` text NOT NULL,
	`node_type` text NOT NULL,
	`entered_at` text NOT NULL,
	`left_at` text,
	`outcome` text,
	`exit` text,
	`detail` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `run_steps_seq` ON `run_steps` (`workflow_id`,`seq`);--> statement-breakpoint
CREATE INDEX `run_steps_node` ON `run_steps` (`node_id`);--> statement-breakpoint
CREATE TABLE `runs` (
	`workflow_id` text PRIMARY KEY NOT NULL,
	`journey_id` text NOT NULL,
	`version_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`trigger_event_id` text,
	`status` text NOT NULL,
	`current_node_id` text,
	`waiting_until` text,
	`error` text,
	`started_at` text NOT NULL,
	`ended_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `runs_customer` ON `runs` (`customer_id`,`status`);--> statement-breakpoint
CREATE INDEX `runs_journey` ON `runs` (`journey_id`,`status`,`started_at`);--> statement-breakpoint
CREATE INDEX `runs_started` ON `runs` (`started_at`);--> statement-breakpoint
CREATE TABLE `templates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `write_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `write_keys_hash` ON `write_keys` (`key_hash`);