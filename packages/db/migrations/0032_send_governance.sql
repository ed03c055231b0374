-- Sending governance (issue 14). The workspace's send policy (one row, id `default`) and each journey's override,
-- stored as the JSON the shared zod schemas (packages/journey sendPolicy.ts) parse.
CREATE TABLE IF NOT EXISTS `send_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`policy` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `journey_send_policies` (
	`journey_id` text PRIMARY KEY NOT NULL REFERENCES `journeys`(`id`) ON DELETE CASCADE,
	`policy` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
-- The marketing sends a frequency cap counts: one row per delivery claimed as a marketing email, at the moment it
-- was claimed (epoch ms). Transactional sends get none. Counted with their delivery, so a send that was later
-- skipped or failed for good does not use up the cap.
CREATE TABLE IF NOT EXISTS `marketing_sends` (
	`delivery_id` text PRIMARY KEY NOT NULL REFERENCES `deliveries`(`id`) ON DELETE CASCADE,
	`customer_id` text NOT NULL,
	`claimed_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `marketing_sends_customer` ON `marketing_sends` (`customer_id`,`claimed_at_ms`);
--> statement-breakpoint
-- Every journey email before this migration was a marketing email: the ledger starts with those of the longest cap
-- window (30 days), so a cap set right after the upgrade counts what customers already received.
INSERT OR IGNORE INTO `marketing_sends` (`delivery_id`, `customer_id`, `claimed_at_ms`)
SELECT `id`, `customer_id`, CAST(ROUND((julianday(`created_at`) - 2440587.5) * 86400000) AS INTEGER)
FROM `deliveries`
WHERE `status` NOT IN ('skipped', 'failed') AND `created_at` >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days');
