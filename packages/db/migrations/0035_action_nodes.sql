-- Issue 14, beyond email. Workspace secrets that webhook nodes name (`secret:NAME`): the value is stored encrypted
-- (AES-256-GCM) and never returned by the API; only the name and when it changed are listed.
CREATE TABLE IF NOT EXISTS `workspace_secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`ciphertext` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
-- Hosts an admin allowed outbound calls to although they resolve to a private, loopback or link-local address.
CREATE TABLE IF NOT EXISTS `outbound_allowed_hosts` (
	`host` text PRIMARY KEY NOT NULL,
	`added_by` text NOT NULL,
	`added_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
-- One row per logical outbound call (a webhook step, a team email, a chat post), keyed by its idempotency key:
-- retried attempts of the call update the same row, so a crash mid-call still shows one delivery.
CREATE TABLE IF NOT EXISTS `outbound_calls` (
	`idempotency_key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`workflow_id` text NOT NULL,
	`node_id` text NOT NULL,
	`target` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`outcome` text DEFAULT 'pending' NOT NULL,
	`last_status` integer,
	`last_error` text,
	`result` text,
	`first_at` text NOT NULL,
	`last_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `outbound_calls_workflow` ON `outbound_calls` (`workflow_id`, `node_id`);
