-- When each customer next enters each scheduled or date-trait journey: one row per (journey, customer). `due_at` and
-- `occurrence` are ISO instants (the moment the entry is due; the occurrence it enters, which names its event);
-- both null when the customer has no further occurrence (a one-off date passed), so the audience catch-up skips them.
CREATE TABLE IF NOT EXISTS `entry_schedule` (
	`journey_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`version_id` text NOT NULL,
	`due_at` text,
	`occurrence` text,
	PRIMARY KEY (`journey_id`, `customer_id`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `entry_schedule_due` ON `entry_schedule` (`due_at`);
