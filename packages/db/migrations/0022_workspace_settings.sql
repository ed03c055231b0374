-- Settings of the whole workspace (one row, id `default`): the time zone customers without a `timezone` trait live in.
CREATE TABLE IF NOT EXISTS `workspace_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
