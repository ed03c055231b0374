CREATE TABLE `run_failures` (
	`workflow_id` text NOT NULL,
	`activity_id` text NOT NULL,
	`activity_type` text NOT NULL,
	`customer_id` text,
	`attempt` integer NOT NULL,
	`error` text NOT NULL,
	`first_failed_at` text NOT NULL,
	`last_failed_at` text NOT NULL,
	`resolved_at` text,
	PRIMARY KEY(`workflow_id`, `activity_id`)
);
--> statement-breakpoint
CREATE INDEX `run_failures_open` ON `run_failures` (`resolved_at`,`first_failed_at`);--> statement-breakpoint
-- Runs monitor: keyset paging by (sort column, workflow_id) under each filter the monitor offers (see apps/api/src/services/runs.ts).
CREATE INDEX `runs_started_id` ON `runs` (`started_at`,`workflow_id`);--> statement-breakpoint
CREATE INDEX `runs_updated_id` ON `runs` (`updated_at`,`workflow_id`);--> statement-breakpoint
CREATE INDEX `runs_status_started` ON `runs` (`status`,`started_at`,`workflow_id`);--> statement-breakpoint
CREATE INDEX `runs_status_updated` ON `runs` (`status`,`updated_at`,`workflow_id`);--> statement-breakpoint
CREATE INDEX `runs_journey_started` ON `runs` (`journey_id`,`started_at`,`workflow_id`);--> statement-breakpoint
CREATE INDEX `runs_journey_status_started` ON `runs` (`journey_id`,`status`,`started_at`,`workflow_id`);--> statement-breakpoint
CREATE INDEX `runs_version_status_started` ON `runs` (`version_id`,`status`,`started_at`,`workflow_id`);--> statement-breakpoint
CREATE INDEX `runs_version_started` ON `runs` (`version_id`,`started_at`,`workflow_id`);--> statement-breakpoint
CREATE INDEX `runs_node_started` ON `runs` (`current_node_id`,`started_at`,`workflow_id`);--> statement-breakpoint
CREATE INDEX `deliveries_sent` ON `deliveries` (`sent_at`);--> statement-breakpoint
CREATE INDEX `deliveries_opened` ON `deliveries` (`opened_at`);--> statement-breakpoint
CREATE INDEX `deliveries_clicked` ON `deliveries` (`clicked_at`);--> statement-breakpoint
CREATE INDEX `deliveries_status` ON `deliveries` (`status`);
--> statement-breakpoint
CREATE INDEX `runs_ended` ON `runs` (`ended_at`,`status`);
